-- Due deliveries are taken by the node whose wake-up fires, a batch at a time (Cluster/DueDeliveries.cs): a lease keeps
-- other nodes from taking the same ones while this node starts them. It is not the claim: the compare-and-set to
-- publishing stays the only thing that lets a node call a platform, and every such update clears the lease.
ALTER TABLE deliveries ADD COLUMN leased_until timestamptz, ADD COLUMN leased_by text;

-- The waiting deliveries in due order; finished rows never enter this index.
CREATE INDEX deliveries_due ON deliveries (due_at) WHERE status IN ('Scheduled', 'Retrying');
