#pragma once
// The console's confirmation for an action on a production environment, as a restore asks
// it (RestoreConfirmDialog) and `e2ictl --confirm-env` requires it: the question, then the
// environment's exact name typed by the operator (ControlApproval's rule); anything else,
// or Cancel, is a no.
class QString;
class QWidget;

namespace e2i {

class ProductionConfirm
{
public:
    static bool ask(QWidget *parent, const QString &environment, const QString &title, const QString &question);
};

} // namespace e2i
