-- Shared schema of every product service. Each service seeds its own offers in V2.

CREATE TABLE widgets (
    widget_id      VARCHAR(100) PRIMARY KEY,
    -- NULL: a generic offer every visitor may see; otherwise targeted at this user only
    user_id        INTEGER NULL,
    component_type VARCHAR(50)  NOT NULL,
    priority       INTEGER      NOT NULL DEFAULT 0,
    data           JSONB        NOT NULL,
    -- what the widget's button does (e.g. purchase); NULL for widgets without a button
    action         JSONB        NULL,
    CONSTRAINT widgets_user_widget_unique UNIQUE (user_id, widget_id)
);

CREATE INDEX widgets_user_id_idx ON widgets (user_id);

CREATE TABLE contracts (
    id         BIGSERIAL PRIMARY KEY,
    user_id    BIGINT       NOT NULL,
    widget_id  VARCHAR(100) NOT NULL REFERENCES widgets (widget_id),
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- the same user buying the same offer twice is a conflict, not a second contract
    CONSTRAINT contracts_user_widget_unique UNIQUE (user_id, widget_id)
);

-- Events written in the same transaction as the contract change and relayed to Kafka.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    topic        VARCHAR(249)  NOT NULL,
    message_key  VARCHAR(100)  NOT NULL,
    payload      JSONB         NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ   NULL,
    attempts     INTEGER       NOT NULL DEFAULT 0,
    last_error   VARCHAR(1000) NULL
);

CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL;
