-- Which forge serves a pull request: 'local' (Bosun computes its state, merges in the origin) or 'github'.
ALTER TABLE pull_requests ADD COLUMN forge TEXT NOT NULL DEFAULT 'local';
-- The head Bosun itself last pushed to the PR's branch: a force push may replace Bosun's own commits, never others'.
ALTER TABLE pull_requests ADD COLUMN pushed_sha TEXT NOT NULL DEFAULT '';
-- A follow-up worker's pull request: it works on a checkout of that PR's branch.
ALTER TABLE sessions ADD COLUMN follow_up_of TEXT REFERENCES pull_requests(id);
CREATE INDEX sessions_by_follow_up ON sessions(follow_up_of) WHERE follow_up_of IS NOT NULL;
-- What a forge reported that a follow-up must address: a failing check (keyed by name and head commit) or a review
-- comment (keyed by its id). Each is handed to one follow-up worker once.
CREATE TABLE pr_feedback (
    pull_request_id TEXT NOT NULL REFERENCES pull_requests(id),
    key             TEXT NOT NULL,
    kind            TEXT NOT NULL,
    text            TEXT NOT NULL,
    handled_by      TEXT REFERENCES sessions(id),
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (pull_request_id, key)
);
