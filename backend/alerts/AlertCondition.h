#pragma once
// What holds for one rule in one evaluation: the subjects whose condition is
// true, with the measured value. `known` is false when the rule's data could
// not be read this time (Redis down for queue rules, no cost estimate, backups
// not read yet): its alerts then keep their state, as the charts keep a gap.
#include "AlertInputs.h"
#include "AlertRule.h"

#include <QList>

namespace e2i {

struct AlertCondition {
    struct Hit {
        QString subject;
        QString value;
    };
    bool known = true;
    QList<Hit> hits;

    // Judges `rule` against the inputs; `backups` is the latest known backup list.
    static AlertCondition judge(const AlertRule &rule, const AlertInputs &inputs, const QList<BackupAge> *backups);
};

} // namespace e2i
