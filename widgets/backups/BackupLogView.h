#pragma once
// The log of one catalog entry: the backup's log file and, when the entry was
// restored, its restore log, both read off the GUI thread. Only the tail of a
// very long log is shown, so a chatty command cannot stall the panel.
#include "common/BackgroundJob.h"
#include "backup/BackupEntry.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace e2i {

class BackupLogView : public QWidget
{
    Q_OBJECT
public:
    static constexpr qint64 kTailBytes = 512 * 1024;

    explicit BackupLogView(QWidget *parent = nullptr);

    void showEntry(const QString &directory, const BackupEntry &entry);
    void clear();
    QString text() const;

signals:
    void shown(const QString &entryId);

private:
    void display(const QString &entryId, const QString &text);

    BackgroundJob m_job;
    QLabel *m_title;
    QPlainTextEdit *m_text;
};

} // namespace e2i
