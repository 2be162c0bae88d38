#pragma once
// What the workers answered to an inspection (active, reserved, stats, registered,
// active_queues), one section per worker, as indented JSON the operator can read,
// select and copy. Task arguments are already scrubbed (AnswerScrubber).
#include <QDialog>
#include <QJsonValue>
#include <QMap>

class QPlainTextEdit;

namespace e2i {

class InspectionDialog : public QDialog
{
    Q_OBJECT
public:
    InspectionDialog(const QString &title, const QMap<QString, QJsonValue> &answers, QWidget *parent = nullptr);

    QString text() const;

    // One "## worker" heading per worker, then its answer as indented JSON.
    static QString format(const QMap<QString, QJsonValue> &answers);

private:
    QPlainTextEdit *m_view;
};

} // namespace e2i
