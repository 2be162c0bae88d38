#pragma once
// `e2ictl jobs submit shap|refute`'s options: the options of `e2i-kernels shap|refute`, turned
// into the keyword arguments of the platform's tasks e2i.shap.explain and e2i.causal.refute
// (kernels/python/e2i_tasks/README.md has the mapping). File options are made absolute: the
// workers read them on the storage they share with this machine.
#include <QCommandLineOption>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

class QCommandLineParser;

namespace e2i {

class JobSubmitOptions
{
public:
    // "shap" or "refute"; nullopt for anything else.
    static std::optional<JobSubmitOptions> forKind(const QString &kind);

    QList<QCommandLineOption> options() const;
    // The task's kwargs, or nullopt with *error naming the option that is wrong or missing.
    std::optional<QJsonObject> kwargs(const QCommandLineParser &parser, QString *error) const;
    QString task() const;
    QString queue() const;

private:
    explicit JobSubmitOptions(bool shap) : m_shap(shap) {}
    std::optional<QJsonObject> shapKwargs(const QCommandLineParser &parser, QString *error) const;
    std::optional<QJsonObject> refuteKwargs(const QCommandLineParser &parser, QString *error) const;

    bool m_shap;
};

} // namespace e2i
