#pragma once
// Why a model file was rejected: "FILE: FIELD: reason", FIELD a JSON path such as
// learner/gradient_booster/model/trees/3/left_children/5.
#include <stdexcept>
#include <string>

namespace e2i::kernels::shap {

class ModelError : public std::runtime_error {
public:
    ModelError(std::string file, std::string field, const std::string &reason)
        : std::runtime_error(file + ": " + (field.empty() ? std::string() : field + ": ") + reason)
        , m_file(std::move(file))
        , m_field(std::move(field))
    {
    }
    const std::string &file() const { return m_file; }
    const std::string &field() const { return m_field; }

private:
    std::string m_file;
    std::string m_field;
};

} // namespace e2i::kernels::shap
