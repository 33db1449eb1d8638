-- Supervisor state that must survive a restart, resumable agent conversations, and durable steering messages.

ALTER TABLE objectives ADD COLUMN supervisor_last_action_at INTEGER;
ALTER TABLE objectives ADD COLUMN respawn_grant INTEGER NOT NULL DEFAULT 0;
ALTER TABLE objectives ADD COLUMN operator_note TEXT NOT NULL DEFAULT '';

-- The agent's own conversation id (Claude session id, Codex thread id): what a resume continues.
ALTER TABLE sessions ADD COLUMN provider_ref TEXT;

-- Messages to an agent: delivered to its live process, or queued here until it next runs. Nothing is dropped.
CREATE TABLE steering_messages (
    id            TEXT PRIMARY KEY,
    session_id    TEXT NOT NULL REFERENCES sessions(id),
    body          TEXT NOT NULL,
    sender        TEXT NOT NULL,
    state         TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    delivered_at  INTEGER
);
CREATE INDEX steering_queued ON steering_messages(session_id, created_at) WHERE state = 'queued';

-- What the supervisor's pass reads: every manager, and PRs awaiting review.
CREATE INDEX sessions_managers ON sessions(objective_id, created_at, id, agent, status, ever_ran, updated_at,
    last_output_at) WHERE role = 'manager';
CREATE INDEX pull_requests_awaiting_review ON pull_requests(objective_id) WHERE status IN ('open', 'draft');
