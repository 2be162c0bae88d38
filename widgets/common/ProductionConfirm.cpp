#include "ProductionConfirm.h"

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
    return accepted && typed == environment;
}

} // namespace e2i
