#pragma once
// Asks before a restore replaces a target's data. It names the backup, the
// target and the environment; for a production environment the operator must
// type the environment's exact name before Restore is enabled. Cancel is the
// default button, so Enter alone never restores.
#include "backup/BackupEntry.h"

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace e2i {

class RestoreConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    RestoreConfirmDialog(const BackupEntry &entry, const QString &environment, bool production, QWidget *parent = nullptr);

    QPushButton *restoreButton() const { return m_restore; }
    // Where the environment name is typed; nullptr outside production.
    QLineEdit *confirmationField() const { return m_confirmation; }
    QString question() const;
    // Whether Restore may proceed: always outside production, else once the exact name is typed.
    bool isConfirmed() const;

private:
    void updateRestoreButton();

    QString m_environment;
    QString m_question;
    QLineEdit *m_confirmation = nullptr;
    QPushButton *m_restore = nullptr;
};

} // namespace e2i
