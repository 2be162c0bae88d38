#pragma once
// Asks before a control action that changes something: it states exactly what
// will happen, to which workers (or queue) and in which environment; in a
// production environment the environment's name must be typed (ControlApproval
// decides, the same rule as e2ictl's). Opened window-modal with open(), so the
// GUI thread never blocks in it.
#include "control/ControlApproval.h"

#include <QDialog>

class QLineEdit;

namespace e2i {

class ControlConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    ControlConfirmDialog(const ControlApproval &approval, const QString &action, QWidget *parent);

    QString question() const { return m_question; }
    QString typedName() const;
    void setTypedName(const QString &name);

private:
    QString m_question;
    QLineEdit *m_name = nullptr;
};

} // namespace e2i
