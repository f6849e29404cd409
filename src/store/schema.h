// The store schema as versioned migrations (see schema.cc). Thread safety: constant data.
#pragma once

#include <string_view>
#include <vector>

#include "store/sql.h"

namespace newsgraph::store {

// The DDL statements that take a store of version to_version-1 to to_version; empty when there
// is no such migration.
std::vector<std::string_view> MigrationStatements(Backend backend, int to_version);

}  // namespace newsgraph::store
