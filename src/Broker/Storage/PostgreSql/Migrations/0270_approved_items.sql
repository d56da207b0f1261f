-- Start-up recovery and the dead-node sweep list the approved items by id (PgItemStore.ListApprovedAsync); items_live
-- also holds every published item, so its walk grew with the years. Approved items are the work at hand.
CREATE INDEX items_approved ON items (id) INCLUDE (account_count) WHERE status = 'Approved';
