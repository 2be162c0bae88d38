#include "ProductionConfirm.h"

#include "control/ControlApproval.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QString>

namespace e2i {

bool ProductionConfirm::ask(QWidget *parent, const QString &environment, const QString &title, const QString &question)
{
    bool accepted = false;
    const QString typed = QInputDialog::getText(
        parent, title,
        question + QStringLiteral("\n\n")
            + QCoreApplication::translate("ProductionConfirm", "'%1' is a production environment. Type its name to go on:").arg(environment),
        QLineEdit::Normal, QString(), &accepted);
    // The rule of the control actions and `e2ictl --confirm-env`, not a copy of it.
    return ControlApproval(environment, true).approves(accepted, typed);
}

} // namespace e2i
