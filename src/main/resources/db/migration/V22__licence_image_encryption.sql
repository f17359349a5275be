-- Licence images are stored encrypted (AES-256-GCM): key_id names the data protection key of the row. Rows written
-- before have no key id and are stored in plain; the re-encryption job encrypts them, as it moves rows under an
-- older key to the current one.
alter table licence_image add column key_id varchar(32);

create index licence_image_by_key on licence_image (key_id);
