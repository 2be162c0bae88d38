# e2i_add_test(NAME SOURCES <files> LIBRARIES <targets> [LABELS <labels>] [TIMEOUT <s>])
# Builds a Qt Test executable and registers it with ctest. Tests find fixtures
# through E2I_TEST_DATA_DIR (tests/data) and E2I_SOURCE_DIR. Each test has its
# own XDG_STATE_HOME, so logs and recorded history never leak between tests or
# into the user's.
function(e2i_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBRARIES;LABELS" ${ARGN})
    qt_add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE e2i_options Qt6::Test ${ARG_LIBRARIES})
    target_compile_definitions(${name} PRIVATE
        E2I_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
        E2I_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        E2I_BINARY_DIR="${PROJECT_BINARY_DIR}")
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_LABELS)
        set(ARG_LABELS unit)
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;E2I_SOURCE_DIR=${PROJECT_SOURCE_DIR};E2I_BINARY_DIR=${PROJECT_BINARY_DIR};XDG_STATE_HOME=${PROJECT_BINARY_DIR}/test-state/${name}")
endfunction()

# e2i_add_bench(NAME SOURCES <files> LIBRARIES <targets>)
# Benchmarks are not tests: `cmake --build BUILD --target bench` builds and runs them all.
if(NOT TARGET bench)
    add_custom_target(bench COMMENT "Running benchmarks")
endif()
function(e2i_add_bench name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES;ARGS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE e2i_options ${ARG_LIBRARIES})
    target_compile_definitions(${name} PRIVATE E2I_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/bench/common)
    set_target_properties(${name} PROPERTIES EXCLUDE_FROM_ALL ON)
    add_custom_target(run-${name} COMMAND ${name} ${ARG_ARGS} DEPENDS ${name} USES_TERMINAL)
    add_dependencies(bench run-${name})
endfunction()
