-- Webhook subscriptions (a handful, made by editors) and their messages: one per event and subscription, keeping the
-- exact signed body and its attempts. The sender reads the pending ones by due time.
CREATE TABLE webhooks (
    id          text COLLATE "C" PRIMARY KEY,
    version     bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    doc         jsonb NOT NULL
);

CREATE TABLE webhook_messages (
    id               text COLLATE "C" PRIMARY KEY,
    version          bigint NOT NULL,
    subscription_id  text COLLATE "C" NOT NULL,
    status           text NOT NULL,
    sequence         bigint NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    doc              jsonb NOT NULL
);
CREATE INDEX webhook_messages_due ON webhook_messages (next_attempt_at, sequence) WHERE status = 'Pending';
CREATE INDEX webhook_messages_subscription ON webhook_messages (subscription_id, created_at DESC);
