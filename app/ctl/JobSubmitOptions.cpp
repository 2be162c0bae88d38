#include "JobSubmitOptions.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>

namespace e2i {

namespace {

QCommandLineOption valued(const char *name, const char *description, const char *value)
{
    return {QString::fromLatin1(name), QString::fromLatin1(description), QString::fromLatin1(value)};
}

// A path as the workers must see it; file:// URLs and other schemes are passed as given
// (the task refuses what it cannot read, with a message naming the argument).
QString location(const QString &text)
{
    return text.contains(QLatin1String("://")) ? text : QFileInfo(text).absoluteFilePath();
}

QJsonArray nameList(const QString &text)
{
    QJsonArray names;
    for (const QString &name : text.split(u',', Qt::SkipEmptyParts))
        names << name.trimmed();
    return names;
}

// Whole-number options (--threads, --simulations, ...) go as JSON numbers; the task checks ranges.
bool addNumber(const QCommandLineParser &parser, const QString &option, const QString &argument, QJsonObject &kwargs,
               QString *error)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const qlonglong value = parser.value(option).toLongLong(&ok);
    if (!ok) {
        *error = QStringLiteral("--%1: '%2' is not a whole number").arg(option, parser.value(option));
        return false;
    }
    kwargs[argument] = value;
    return true;
}

bool requireAll(const QCommandLineParser &parser, const QStringList &names, QString *error)
{
    for (const QString &name : names)
        if (!parser.isSet(name)) {
            *error = QStringLiteral("--%1 is required").arg(name);
            return false;
        }
    return true;
}

} // namespace

std::optional<JobSubmitOptions> JobSubmitOptions::forKind(const QString &kind)
{
    if (kind == QLatin1String("shap") || kind == QLatin1String("refute"))
        return JobSubmitOptions(kind == QLatin1String("shap"));
    return std::nullopt;
}

QString JobSubmitOptions::task() const
{
    return m_shap ? QStringLiteral("e2i.shap.explain") : QStringLiteral("e2i.causal.refute");
}

QString JobSubmitOptions::queue() const
{
    return m_shap ? QStringLiteral("shap") : QStringLiteral("causal");
}

QList<QCommandLineOption> JobSubmitOptions::options() const
{
    QList<QCommandLineOption> common{valued("data", "Rows (CSV) the workers can read: a path or file:// URL.", "X.csv"),
                                     valued("out", "Output the workers write (shap: .npy or CSV; refute: JSON).", "OUT"),
                                     valued("threads", "Threads per task (a part, when chunked).", "N")};
    if (m_shap)
        return common + QList<QCommandLineOption>{
            valued("model", "XGBoost JSON model the workers can read.", "M.json"),
            valued("background", "Background rows for interventional TreeSHAP.", "B.csv"),
            {QStringLiteral("interactions"), QStringLiteral("SHAP interaction values.")},
            valued("algorithm", "fast (the only one the platform runs).", "NAME"),
            valued("chunk-rows", "Split the rows into parts of N rows, run by any heavy worker.", "N")};
    return common + QList<QCommandLineOption>{
        valued("treatment", "Treatment column.", "NAME"), valued("outcome", "Outcome column.", "NAME"),
        valued("common-causes", "Common causes, comma-separated.", "A,B"),
        valued("categorical", "Numeric common causes to one-hot encode, comma-separated.", "A,B"),
        valued("estimator", "linear, ipw or aipw.", "NAME"), valued("refuters", "Refuters, comma-separated.", "LIST"),
        valued("simulations", "Simulations per refuter.", "N"), valued("seed", "Random seed.", "N"),
        valued("placebo-type", "permute or random.", "TYPE")};
}

std::optional<QJsonObject> JobSubmitOptions::kwargs(const QCommandLineParser &parser, QString *error) const
{
    return m_shap ? shapKwargs(parser, error) : refuteKwargs(parser, error);
}

std::optional<QJsonObject> JobSubmitOptions::shapKwargs(const QCommandLineParser &parser, QString *error) const
{
    if (!requireAll(parser, {QStringLiteral("model"), QStringLiteral("data"), QStringLiteral("out")}, error))
        return std::nullopt;
    QJsonObject kwargs{{QStringLiteral("model"), location(parser.value(QStringLiteral("model")))},
                       {QStringLiteral("data"), location(parser.value(QStringLiteral("data")))},
                       {QStringLiteral("out"), location(parser.value(QStringLiteral("out")))},
                       {QStringLiteral("interactions"), parser.isSet(QStringLiteral("interactions"))}};
    if (parser.isSet(QStringLiteral("background")))
        kwargs[QStringLiteral("background")] = location(parser.value(QStringLiteral("background")));
    if (parser.isSet(QStringLiteral("algorithm")))
        kwargs[QStringLiteral("algorithm")] = parser.value(QStringLiteral("algorithm"));
    if (!addNumber(parser, QStringLiteral("threads"), QStringLiteral("threads"), kwargs, error)
        || !addNumber(parser, QStringLiteral("chunk-rows"), QStringLiteral("chunk_rows"), kwargs, error))
        return std::nullopt;
    return kwargs;
}

std::optional<QJsonObject> JobSubmitOptions::refuteKwargs(const QCommandLineParser &parser, QString *error) const
{
    if (!requireAll(parser, {QStringLiteral("data"), QStringLiteral("treatment"), QStringLiteral("outcome")}, error))
        return std::nullopt;
    QJsonObject kwargs{{QStringLiteral("data"), location(parser.value(QStringLiteral("data")))},
                       {QStringLiteral("treatment"), parser.value(QStringLiteral("treatment"))},
                       {QStringLiteral("outcome"), parser.value(QStringLiteral("outcome"))},
                       {QStringLiteral("common_causes"), nameList(parser.value(QStringLiteral("common-causes")))}};
    if (parser.isSet(QStringLiteral("out")))
        kwargs[QStringLiteral("out")] = location(parser.value(QStringLiteral("out")));
    for (const auto &[option, argument] : {std::pair{"categorical", "categorical"}, {"refuters", "refuters"}})
        if (parser.isSet(QLatin1String(option)))
            kwargs[QLatin1String(argument)] = nameList(parser.value(QLatin1String(option)));
    for (const auto &[option, argument] : {std::pair{"estimator", "estimator"}, {"placebo-type", "placebo_type"}})
        if (parser.isSet(QLatin1String(option)))
            kwargs[QLatin1String(argument)] = parser.value(QLatin1String(option));
    for (const auto &[option, argument] : {std::pair{"threads", "threads"}, {"simulations", "simulations"}, {"seed", "seed"}})
        if (!addNumber(parser, QLatin1String(option), QLatin1String(argument), kwargs, error))
            return std::nullopt;
    return kwargs;
}

} // namespace e2i
