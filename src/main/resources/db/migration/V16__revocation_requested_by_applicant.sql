-- Revocation requests the applicant makes from the status page, recorded next to those ra-admins enter in Tasklist.
-- Runs unchanged on H2 and PostgreSQL.

-- What the applicant chose (LOSS, KEY_COMPROMISE, DETAILS_CHANGED); reason_code holds the RFC 5280 reason it maps to.
-- Empty for a request staff entered: that is how the approval, the mails and the audit tell the two apart.
alter table revocation_request add column applicant_reason varchar(32);
