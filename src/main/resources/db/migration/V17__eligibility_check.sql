-- The eligibility check of an applicant whose qualification is 「その他」: an ra-admin decides, before any invoice,
-- whether the service is offered and at which fee category of processes/fees.dmn. Written by certflow from the
-- task's completion (who decided comes from the login, not from a variable); the invoice and the refusal mail read
-- this row. One decision per application. Runs unchanged on H2 and PostgreSQL.
create table eligibility_check (
    application_id bigint        not null primary key references application (id),
    eligible       boolean       not null,
    fee_category   varchar(32),
    reason         varchar(2000),
    decided_by     varchar(64)   not null,
    decided_at     timestamp with time zone not null
);
