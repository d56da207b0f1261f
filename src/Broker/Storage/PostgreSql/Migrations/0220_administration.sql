-- One-time sign-in links: the hash of each code, whose user it signs in, until when, and when it was used. A use is
-- one conditional update (used_at IS NULL AND expires_at > now), so of two uses at once exactly one succeeds.
CREATE TABLE sign_in_links (
    id          text COLLATE "C" PRIMARY KEY,
    user_id     text COLLATE "C" NOT NULL,
    created_by  text COLLATE "C" NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX sign_in_links_expires ON sign_in_links (expires_at);

-- An OPD's name changes by compare-and-set on its version.
ALTER TABLE opds ADD COLUMN version bigint NOT NULL DEFAULT 0;

-- The ASN directory is paged by NIP (its key) and searched by OPD, name prefix or NIP prefix.
CREATE INDEX asn_opd_nip ON asn (opd, nip);
CREATE INDEX asn_name_prefix ON asn (lower(name) text_pattern_ops, nip);

-- ASN import previews: the uploaded file (gzip) kept until an editor confirms it; confirming is a claim on confirmed_at.
CREATE TABLE asn_imports (
    id            text COLLATE "C" PRIMARY KEY,
    created_by    text COLLATE "C" NOT NULL,
    created_at    timestamptz NOT NULL,
    csv           bytea NOT NULL,
    accepted      integer NOT NULL,
    refused       integer NOT NULL,
    confirmed_at  timestamptz,
    confirmed_by  text COLLATE "C",
    imported      integer
);
CREATE INDEX asn_imports_created ON asn_imports (created_at);
