-- Each turn's tokens and cost as the agent's CLI reported them, when: the objective's spend over time (its detail's
-- chart) and the totals per day. The sessions keep their sums; a session from before this table gets one event, at
-- its last update, with what it had used.
CREATE TABLE usage_events (
    id           INTEGER PRIMARY KEY,
    objective_id TEXT    NOT NULL REFERENCES objectives(id),
    session_id   TEXT    NOT NULL REFERENCES sessions(id),
    at           INTEGER NOT NULL,
    tokens       INTEGER NOT NULL,
    cost_usd     REAL    NOT NULL
);
CREATE INDEX usage_events_by_objective ON usage_events(objective_id, at);
CREATE INDEX usage_events_by_time ON usage_events(at);
INSERT INTO usage_events(objective_id, session_id, at, tokens, cost_usd)
    SELECT objective_id, id, updated_at, tokens, cost_usd FROM sessions WHERE tokens > 0 OR cost_usd > 0;
