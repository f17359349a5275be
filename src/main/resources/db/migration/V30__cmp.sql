-- Certificates enrolled over CMP by a registration authority belong to no application of this service: the RA
-- vetted their holder. They stay in the one register, so the CRL, OCSP and the CA audit cover them too.
alter table issued_certificate alter column application_id drop not null;

-- One row per CMP transaction (RFC 9483), so that the certConf after a cp/ip may reach any node and a transaction
-- ID is never taken twice.
create table cmp_transaction (
    transaction_id     varchar(64)  primary key,
    sender             varchar(400) not null,
    state              varchar(32)  not null,
    serial_number      varchar(64)  references issued_certificate (serial_number),
    certificate_hash   varchar(64),
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null
);

-- The sender nonce of every CMP request taken within the accepted clock window: a message sent again is refused.
create table cmp_nonce (
    sender_nonce varchar(64) primary key,
    seen_at      timestamp with time zone not null
);
create index cmp_nonce_seen_at on cmp_nonce (seen_at);
