-- Sharing: each ASN's personal link to an item, the clicks on those links, the ASN directory, and the photos.

-- A link is found by its code (the redirect) and by its ASN and item (made once, ever after the same one). Text
-- equality is exact, so codes that differ only in case are different links.
CREATE TABLE share_links (
    code        text PRIMARY KEY,
    nip         text NOT NULL,
    item_id     text NOT NULL,
    opd         text NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT share_links_one_per_asn_and_item UNIQUE (nip, item_id)
);
CREATE INDEX share_links_created_at ON share_links (created_at);

-- Clicks are appended by every node in batches (binary COPY) and only ever read in bulk: no key of their own, one
-- index per way they are read (an item's, a link's and so an ASN's, a period's), each in time order. The visitor is
-- the 128-bit salted hash kept as a uuid (16 bytes, compared as a number).
CREATE TABLE share_clicks (
    code     text NOT NULL,
    item_id  text NOT NULL,
    channel  smallint NOT NULL,
    visitor  uuid NOT NULL,
    at       timestamptz NOT NULL
);
CREATE INDEX share_clicks_item ON share_clicks (item_id, at);
CREATE INDEX share_clicks_code ON share_clicks (code, at);
CREATE INDEX share_clicks_at ON share_clicks (at);

-- The ASN directory, keyed by NIP.
CREATE TABLE asn (
    nip             text PRIMARY KEY,
    name            text NOT NULL,
    opd             text NOT NULL,
    phone           text,
    email           text,
    active          boolean NOT NULL,
    created_at      timestamptz NOT NULL,
    deactivated_at  timestamptz
);
CREATE INDEX asn_opd ON asn (opd);

-- Photos: the description, and the bytes apart from it (the original, and the JPEG made from a PNG), so listing
-- and describing photos never touches their bytes. JPEG and PNG are compressed already: the bytes are stored out
-- of line without TOAST's compression, which would spend CPU for nothing.
CREATE TABLE media (
    id                    text PRIMARY KEY,
    content_type          text NOT NULL,
    bytes                 bigint NOT NULL,
    width                 integer NOT NULL,
    height                integer NOT NULL,
    file_name             text,
    jpeg_rendition_bytes  bigint NOT NULL,
    created_at            timestamptz NOT NULL
);

CREATE TABLE media_originals (
    id       text PRIMARY KEY,
    content  bytea NOT NULL
);
ALTER TABLE media_originals ALTER COLUMN content SET STORAGE EXTERNAL;

CREATE TABLE media_jpeg_renditions (
    id       text PRIMARY KEY,
    content  bytea NOT NULL
);
ALTER TABLE media_jpeg_renditions ALTER COLUMN content SET STORAGE EXTERNAL;
