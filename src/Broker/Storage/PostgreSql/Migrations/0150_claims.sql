-- The dead-node sweep looks at every heartbeat on every node for publishing deliveries claimed by nodes not seen any
-- more: the claimant, inside the document, indexed for the publishing rows only (few, and short-lived).
CREATE INDEX deliveries_publishing_claims ON deliveries ((doc->>'ClaimedBy'), id) WHERE status = 'Publishing';
