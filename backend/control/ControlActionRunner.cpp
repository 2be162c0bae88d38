#include "ControlActionRunner.h"

#include "AnswerScrubber.h"
#include "ControlClient.h"
#include "QueuePurge.h"

namespace e2i {

ControlOutcome ControlActionRunner::run(const ControlAction &action, const ControlPlatform &platform)
{
    ControlOutcome outcome;
    outcome.description = action.description();
    switch (action.kind()) {
    case ControlAction::Kind::Call:
        call(action, platform, &outcome);
        break;
    case ControlAction::Kind::Send:
        send(action, platform, &outcome);
        break;
    case ControlAction::Kind::Purge:
        purge(action, platform, &outcome);
        break;
    }
    return outcome;
}

void ControlActionRunner::call(const ControlAction &action, const ControlPlatform &platform, ControlOutcome *outcome)
{
    ControlClient client(platform.redis, platform.keyspace.keyPrefix());
    client.setReplyTimeoutMs(platform.replyTimeoutMs);
    const ControlReplies replies = client.call(action.method(), action.arguments(), action.workers());
    outcome->error = replies.error;
    outcome->silent = replies.silent;
    for (auto it = replies.byWorker.begin(); it != replies.byWorker.end(); ++it) {
        const QString refusal = ControlReplies::refusal(it.value());
        if (refusal.isEmpty()) {
            outcome->answered << it.key();
            outcome->answers.insert(it.key(), AnswerScrubber::scrubbed(it.value()));
        } else
            outcome->refusedBy.insert(it.key(), refusal);
    }
}

void ControlActionRunner::send(const ControlAction &action, const ControlPlatform &platform, ControlOutcome *outcome)
{
    ControlClient client(platform.redis, platform.keyspace.keyPrefix());
    outcome->sentOnly = client.send(action.method(), action.arguments(), action.workers(), &outcome->error);
}

void ControlActionRunner::purge(const ControlAction &action, const ControlPlatform &platform, ControlOutcome *outcome)
{
    const auto lengths = QueuePurge::purge(platform.redis, platform.keyspace, action.queue(), &outcome->error);
    if (!lengths)
        return;
    outcome->purged = 0;
    for (const auto &[key, length] : *lengths)
        outcome->purged += length;
}

} // namespace e2i
