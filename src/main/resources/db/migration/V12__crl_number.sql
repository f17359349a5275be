-- CRL numbers come from one counter row, taken under a row lock in the transaction that signs and stores the CRL:
-- two nodes never sign two CRLs with the same number, and numbers only grow across restarts. Until now a node
-- numbered its CRLs with the seconds since 1970 at signing, so the counter starts from the time of this migration
-- and every CRL signed from now on has a higher number than any signed before. Runs unchanged on H2 and PostgreSQL.

create table crl_number (
    id          integer primary key,
    last_number bigint  not null,
    constraint crl_number_single_row check (id = 1)
);

insert into crl_number (id, last_number) values (1, cast(extract(epoch from current_timestamp) as bigint));
