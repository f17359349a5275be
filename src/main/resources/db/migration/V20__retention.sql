-- Retention (保存期間). Personal data is kept only as long as it serves: the model's retention tail deletes the licence
-- image, then reduces the application to what a kept record needs, then deletes the tax records after their statutory
-- period. Deletion is real (rows deleted, columns emptied); what stays is recorded here. Runs unchanged on H2 and
-- PostgreSQL.

-- When the application ended (its last step before the retention tail), and when its personal data was reduced.
alter table application add column ended_at timestamp with time zone;
alter table application add column personal_data_reduced_at timestamp with time zone;
-- the reduced application keeps no address to write to
alter table application alter column email drop not null;

-- What was deleted of a licence image, so that it can still be shown which image was checked, by whom and how it
-- ended: the image's SHA-256, type and size, the reviewers of the decision (from review_record), the decision.
create table licence_image_disposal (
    application_id bigint        not null primary key references application (id),
    sha256         varchar(64)   not null,
    content_type   varchar(32)   not null,
    size_bytes     integer       not null,
    checked_by     varchar(200),
    decision       varchar(16),
    reason         varchar(32)   not null,
    disposed_at    timestamp with time zone not null
);
