#pragma once
// One heavy job as the platform holds it: waiting in a queue list (state QUEUED, from the
// message), or in the result backend (Celery's states: STARTED, SUCCESS, FAILURE, REVOKED...).
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace e2i {

struct JobRecord {
    QString id;
    QString task;      // known for queued jobs, and for results stored with result_extended
    QString state;     // QUEUED, or the result backend's status
    QString queue;     // for queued jobs
    int priority = -1; // for queued jobs
    QString dateDone;  // ISO-8601, for finished jobs
    QJsonValue result; // the task's result (a summary) or its exception {exc_type, exc_message}
    QStringList parts; // a chunked job's part task ids, in row order (e2i.shap.part)

    bool finished() const;
    // "ValueError: X.csv:4: column 'c0': ..." for a failure; for a chunked job whose part
    // failed (Celery's ChordError), "part 3 of 8 failed: ValueError: ..."; empty otherwise.
    QString failureText() const;

private:
    QString chordFailureText(const QString &message) const;
};

} // namespace e2i
