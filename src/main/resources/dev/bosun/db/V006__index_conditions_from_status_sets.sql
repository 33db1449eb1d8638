-- The store builds every status condition from the domain's named sets, in declaration order; SQLite uses a partial
-- index only for a condition written exactly as the index's own, so this one is remade in that order.
DROP INDEX pull_requests_awaiting_review;
CREATE INDEX pull_requests_awaiting_review ON pull_requests(objective_id) WHERE status IN ('draft', 'open');
