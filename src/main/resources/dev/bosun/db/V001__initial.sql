-- Bosun schema, version 1. Times are epoch milliseconds (UTC). Statuses are lowercase wire names.

CREATE TABLE objectives (
    id            TEXT PRIMARY KEY,
    title         TEXT NOT NULL,
    prompt        TEXT NOT NULL,
    repository    TEXT NOT NULL,
    base_branch   TEXT NOT NULL DEFAULT '',
    manager_agent TEXT NOT NULL,
    status        TEXT NOT NULL,
    summary       TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    completed_at  INTEGER
);
-- The scheduler, supervisor and GC look at non-terminal objectives only.
CREATE INDEX objectives_live ON objectives(status) WHERE status IN ('active', 'waiting_user');

CREATE TABLE targets (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    status        TEXT NOT NULL,
    host          TEXT NOT NULL DEFAULT '',
    user_name     TEXT NOT NULL DEFAULT '',
    port          INTEGER NOT NULL DEFAULT 22,
    work_root     TEXT NOT NULL,
    capacity      INTEGER NOT NULL DEFAULT 1 CHECK (capacity >= 0),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    last_seen_at  INTEGER
);

CREATE TABLE sessions (
    id                TEXT PRIMARY KEY,
    objective_id      TEXT NOT NULL REFERENCES objectives(id),
    parent_session_id TEXT REFERENCES sessions(id),
    role              TEXT NOT NULL,
    agent             TEXT NOT NULL,
    mode              TEXT NOT NULL,
    status            TEXT NOT NULL,
    title             TEXT NOT NULL,
    goal              TEXT NOT NULL,
    target_id         TEXT REFERENCES targets(id),
    workspace_id      TEXT,
    activity          TEXT NOT NULL DEFAULT '',
    result_summary    TEXT NOT NULL DEFAULT '',
    ever_ran          INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    started_at        INTEGER,
    updated_at        INTEGER NOT NULL,
    completed_at      INTEGER,
    last_output_at    INTEGER
);
CREATE INDEX sessions_by_objective ON sessions(objective_id, role, status);
-- Live sessions: what the scheduler starts, what holds target slots, what keeps a workspace referenced.
CREATE INDEX sessions_live ON sessions(status, created_at)
    WHERE status NOT IN ('succeeded', 'failed', 'canceled');
CREATE INDEX sessions_by_workspace ON sessions(workspace_id) WHERE workspace_id IS NOT NULL;
CREATE INDEX sessions_by_target ON sessions(target_id) WHERE target_id IS NOT NULL;

CREATE TABLE session_dependencies (
    session_id    TEXT NOT NULL REFERENCES sessions(id),
    depends_on    TEXT NOT NULL REFERENCES sessions(id),
    PRIMARY KEY (session_id, depends_on)
) WITHOUT ROWID;
CREATE INDEX session_dependents ON session_dependencies(depends_on);

CREATE TABLE workspaces (
    id            TEXT PRIMARY KEY,
    objective_id  TEXT NOT NULL REFERENCES objectives(id),
    session_id    TEXT REFERENCES sessions(id),
    target_id     TEXT NOT NULL REFERENCES targets(id),
    kind          TEXT NOT NULL,
    status        TEXT NOT NULL,
    path          TEXT NOT NULL,
    repository    TEXT NOT NULL,
    base_ref      TEXT NOT NULL DEFAULT '',
    base_sha      TEXT NOT NULL DEFAULT '',
    branch        TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX workspaces_unarchived ON workspaces(objective_id) WHERE status <> 'archived';

CREATE TABLE pull_requests (
    id            TEXT PRIMARY KEY,
    objective_id  TEXT NOT NULL REFERENCES objectives(id),
    session_id    TEXT REFERENCES sessions(id),
    repository    TEXT NOT NULL,
    number        INTEGER NOT NULL,
    url           TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL,
    branch        TEXT NOT NULL,
    base_branch   TEXT NOT NULL,
    head_sha      TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    checks        TEXT NOT NULL DEFAULT 'unknown',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (repository, number)
);
CREATE INDEX pull_requests_by_objective ON pull_requests(objective_id, status);

CREATE TABLE questions (
    id            TEXT PRIMARY KEY,
    objective_id  TEXT NOT NULL REFERENCES objectives(id),
    session_id    TEXT REFERENCES sessions(id),
    kind          TEXT NOT NULL,
    status        TEXT NOT NULL,
    priority      INTEGER NOT NULL DEFAULT 0,
    text          TEXT NOT NULL,
    context       TEXT NOT NULL DEFAULT '',
    answer        TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    answered_at   INTEGER
);
CREATE INDEX questions_open ON questions(objective_id, session_id) WHERE status = 'open';

-- The audit trail. Never transcript text, never secrets.
CREATE TABLE audit_events (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    at            INTEGER NOT NULL,
    objective_id  TEXT,
    session_id    TEXT,
    type          TEXT NOT NULL,
    summary       TEXT NOT NULL,
    actor         TEXT NOT NULL
);
CREATE INDEX audit_by_objective ON audit_events(objective_id, seq) WHERE objective_id IS NOT NULL;

-- Transcripts live apart from everything the tables read, and are read in pages by (session_id, seq).
CREATE TABLE transcript_entries (
    session_id    TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    at            INTEGER NOT NULL,
    source        TEXT NOT NULL,
    kind          TEXT NOT NULL,
    content       TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
