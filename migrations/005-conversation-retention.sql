-- 005: conversations are deleted CONVERSATION_RETENTION_DAYS after their last activity
-- (src/conversations/conversation-retention.ts); this index lets the purge find them without a scan.
CREATE INDEX conversations_updated_at ON conversations (updated_at);
