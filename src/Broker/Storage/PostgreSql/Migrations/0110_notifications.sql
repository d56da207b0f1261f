-- Notifications to people: each person's preferences, and the notification outbox (one row per person and event, or
-- per person and digest day), which the worker sends from. The primary key is what makes a replayed event harmless.
CREATE TABLE notification_preferences (
    user_id  text PRIMARY KEY,
    doc      jsonb NOT NULL
);

CREATE TABLE notifications (
    id               text PRIMARY KEY,
    user_id          text NOT NULL,
    status           text NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    version          bigint NOT NULL,
    doc              jsonb NOT NULL
);
CREATE INDEX notifications_due ON notifications (status, next_attempt_at);
CREATE INDEX notifications_user ON notifications (user_id, created_at);
