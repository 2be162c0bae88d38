#include "CtlOutput.h"
#include "ThresholdsCommand.h"

#include "history/EventKinds.h"
#include "history/HistoryStore.h"
#include "platform/AutoscaleFileEditor.h"
#include "platform/AutoscaleFileUpdate.h"
#include "platform/AutoscalePolicyFields.h"
#include "platform/AutoscalePolicyJson.h"
#include "platform/AutoscalePublisher.h"
#include "platform/PlatformProfileLoader.h"
#include "policy/PolicyValidator.h"
#include "session/HistoryLocation.h"
#include "session/PlatformResolver.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonDocument>
#include <QTextStream>

namespace e2i {
namespace {

struct Options {
    bool json = false;
    bool dryRun = false;
    bool publish = false;
    QStringList positional;
    const QCommandLineParser *parser = nullptr;
};

using ctl::printDiagnostics;

int failWith(const QString &reason, int code)
{
    return ctl::fail(QStringLiteral("thresholds"), reason, code);
}

QStringList serviceNames(const PlatformProfile &profile)
{
    QStringList names;
    for (const ServiceSpec &service : profile.services)
        names << service.name;
    return names;
}

void printPolicy(const QString &file, const AutoscalePolicy &policy, bool json)
{
    QTextStream out(stdout);
    if (json) {
        QJsonObject object = AutoscalePolicyJson::toJson(policy);
        object.insert(QStringLiteral("file"), file);
        out << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return;
    }
    out << "# " << file << '\n';
    for (const QString &key : AutoscalePolicyFields::topLevelKeys())
        out << key << ": " << AutoscalePolicyFields::value(policy, QString(), key).value_or(QString()) << '\n';
    for (const TierPolicy &tier : policy.tiers) {
        out << "tiers." << tier.name << ".queues: " << tier.queues.join(QStringLiteral(", ")) << '\n';
        for (const QString &key : AutoscalePolicyFields::tierKeys())
            out << "tiers." << tier.name << '.' << key << ": "
                << AutoscalePolicyFields::value(policy, tier.name, key).value_or(QString()) << '\n';
    }
}

int validateFile(const QString &file, const PlatformProfile &profile)
{
    Diagnostics diagnostics;
    const AutoscalePolicy policy = PlatformProfileLoader::loadAutoscale(file, diagnostics);
    if (!hasErrors(diagnostics))
        diagnostics << PolicyValidator::validate(policy, serviceNames(profile), file);
    printDiagnostics(diagnostics);
    if (hasErrors(diagnostics))
        return failWith(QStringLiteral("%1 is invalid; the platform would reject it whole").arg(file), 1);
    QTextStream(stdout) << file << ": valid (" << policy.tiers.size() << " tiers)\n";
    return 0;
}

// "scale_up_threshold=3" -> the change; nullopt with a message otherwise.
std::optional<AutoscaleChange> parseAssignment(const QString &tier, const QString &text, QString *error)
{
    const qsizetype equals = text.indexOf(u'=');
    if (equals <= 0 || equals == text.size() - 1) {
        *error = QStringLiteral("'%1' is not KEY=VALUE").arg(text);
        return std::nullopt;
    }
    return AutoscaleChange{tier, text.left(equals).trimmed(), text.mid(equals + 1).trimmed()};
}

// Prints what a write did; 0 when the file says what was meant and, when asked, was published.
int reportUpdate(const AutoscaleFileUpdate::Result &update, const QString &path)
{
    if (!update.written)
        return failWith(update.error, 1);
    QTextStream out(stdout);
    out << "wrote " << path << " (previous version kept as " << update.backupPath << ")\n";
    if (!update.verified)
        return failWith(update.error + QStringLiteral("; not published"), 1);
    out << "read back: " << path << " says what was written\n";
    if (update.publishFailed())
        return failWith(QStringLiteral("the file was written but publishing to redis failed: ") + update.publishError, 1);
    if (update.publishedVersion)
        out << "published as " << AutoscalePublisher::PolicyKey << " version " << *update.publishedVersion
            << " (notice on " << AutoscalePublisher::ReloadChannel << ")\n";
    return 0;
}

AutoscaleFileUpdate::PublishTo publishTarget(const Options &options, const ResolvedPlatform &resolved)
{
    if (!options.publish)
        return std::nullopt;
    return resolved.options->redis;
}

// Load, plan, write, read back and publish: all under the file's lock, so a concurrent
// `thresholds set` waits for this one and then edits (and publishes) what it wrote.
int setLocked(AutoscaleFileEditor &editor, const QList<AutoscaleChange> &changes, const Options &options,
              const AutoscaleFileUpdate::PublishTo &publishTo, QStringList *applied)
{
    if (!editor.load()) {
        printDiagnostics(editor.diagnostics());
        return failWith(QStringLiteral("cannot edit %1: it does not load cleanly").arg(editor.path()), 1);
    }
    const AutoscalePlan plan = editor.plan(changes);
    QTextStream out(stdout);
    for (const AutoscaleEdit &edit : plan.edits)
        out << edit.describe() << '\n';
    out.flush();
    printDiagnostics(plan.diagnostics);
    if (hasErrors(plan.diagnostics))
        return failWith(QStringLiteral("not written: the new values break the rules above; %1 is unchanged").arg(editor.path()), 1);
    if (plan.edits.isEmpty()) {
        out << "nothing to change\n";
        return 0;
    }
    if (options.dryRun) {
        out << "dry run: " << editor.path() << " not written\n";
        return 0;
    }
    const AutoscaleFileUpdate::Result update = AutoscaleFileUpdate::apply(editor, plan, publishTo);
    *applied = update.changes;
    return reportUpdate(update, editor.path());
}

// Every applied change goes into the environment's timeline: who, and old → new.
void recordApply(const QCommandLineParser &parser, const ResolvedPlatform &resolved, const QString &subject,
                 const QString &what)
{
    const QString who = qEnvironmentVariable("USER", QStringLiteral("unknown"));
    const HistoryEvent event{0, QDateTime::currentMSecsSinceEpoch(), EventKinds::PolicyApplied, subject, {}, {},
                             who + QStringLiteral(" (e2ictl): ") + what};
    QString error;
    if (!HistoryStore::appendEventTo(HistoryLocation::file(parser, resolved), event, &error))
        failWith(QStringLiteral("not added to the timeline: ") + error, 0);
}

int setValues(const Options &options, const ResolvedPlatform &resolved)
{
    if (options.positional.size() < 3)
        return failWith(QStringLiteral("usage: thresholds set TIER KEY=VALUE... (TIER '-' for top-level keys)"), 2);
    const QString tier = options.positional[1] == QLatin1String("-") ? QString() : options.positional[1];
    QList<AutoscaleChange> changes;
    for (const QString &text : options.positional.mid(2)) {
        QString error;
        const auto change = parseAssignment(tier, text, &error);
        if (!change)
            return failWith(error, 2);
        changes << *change;
    }
    AutoscaleFileEditor editor(resolved.options->profile.autoscaleFile, serviceNames(resolved.options->profile));
    int result = 0;
    QStringList applied; // what was written, "field old → new"
    const AutoscaleFileUpdate::PublishTo publishTo = publishTarget(options, resolved);
    if (!editor.underLock([&] { result = setLocked(editor, changes, options, publishTo, &applied); return true; }))
        return failWith(editor.errorString(), 1);
    if (!applied.isEmpty())
        recordApply(*options.parser, resolved, tier.isEmpty() ? QStringLiteral("autoscale") : tier,
                    applied.join(QStringLiteral("; ")));
    return result;
}

int undoLast(const Options &options, const ResolvedPlatform &resolved)
{
    AutoscaleFileEditor editor(resolved.options->profile.autoscaleFile, serviceNames(resolved.options->profile));
    const AutoscaleFileUpdate::PublishTo publishTo = publishTarget(options, resolved);
    QString restored;
    int result = 0;
    // Under the lock, so the newest backup is not one a concurrent `set` is still writing.
    const bool locked = editor.underLock([&] {
        // A current file that no longer loads is exactly what a restore may be for, so a
        // failed load does not stop it; the backup itself must pass validation.
        editor.load();
        const QStringList backups = editor.backups();
        if (backups.isEmpty()) {
            result = failWith(QStringLiteral("no backup of %1 to restore").arg(editor.path()), 1);
            return true;
        }
        QTextStream(stdout) << "restoring " << editor.path() << " from " << backups.first() << '\n';
        const AutoscaleFileUpdate::Result update = AutoscaleFileUpdate::restore(editor, backups.first(), publishTo);
        if (!update.written)
            printDiagnostics(editor.diagnostics());
        else
            restored = backups.first();
        result = reportUpdate(update, editor.path());
        return true;
    });
    if (!locked)
        return failWith(editor.errorString(), 1);
    if (!restored.isEmpty())
        recordApply(*options.parser, resolved, QStringLiteral("autoscale"), QStringLiteral("undo: restored ") + restored);
    return result;
}

} // namespace

int ThresholdsCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Read, validate and edit the autoscale thresholds."));
    parser.addHelpOption();
    PlatformArguments::addOptions(parser);
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("get: print JSON."));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("set: show the diff, write nothing."));
    const QCommandLineOption publish(QStringLiteral("publish"), QStringLiteral("set, undo: also publish the policy (as read back from the file) to Redis for live reload."));
    parser.addOptions({json, dryRun, publish});
    parser.addOption(HistoryLocation::option());
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("get | validate FILE | set TIER KEY=VALUE... | undo"));
    parser.process(arguments);

    const Options options{parser.isSet(json), parser.isSet(dryRun), parser.isSet(publish), parser.positionalArguments(),
                          &parser};
    const QString action = options.positional.value(0);
    if (action.isEmpty())
        return failWith(QStringLiteral("an action is required: get, validate FILE, set TIER KEY=VALUE..., undo"), 2);

    const ResolvedPlatform resolved = PlatformResolver::resolve(PlatformArguments::fromParser(parser));
    if (!resolved.options) {
        printDiagnostics(resolved.diagnostics);
        return failWith(resolved.error, 2);
    }
    const PlatformProfile &profile = resolved.options->profile;
    if (action == QLatin1String("get")) {
        printDiagnostics(profile.diagnostics);
        printPolicy(profile.autoscaleFile, profile.autoscale, options.json);
        return hasErrors(profile.diagnostics) ? 1 : 0;
    }
    if (action == QLatin1String("validate")) {
        if (options.positional.size() != 2)
            return failWith(QStringLiteral("usage: thresholds validate FILE"), 2);
        return validateFile(options.positional[1], profile);
    }
    if (action == QLatin1String("set"))
        return setValues(options, resolved);
    if (action == QLatin1String("undo"))
        return undoLast(options, resolved);
    return failWith(QStringLiteral("unknown action '%1'").arg(action), 2);
}

} // namespace e2i
