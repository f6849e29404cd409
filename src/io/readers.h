// Internal entry points of the document readers (the public ones are in newsgraph/io.h).
//
// OpenStringReader reads documents of options.format from bytes held in memory, exactly as
// OpenReader would read them from a file called `name`; fuzz targets and tests use it.
// Thread safety: a reader is used by one thread.
#pragma once

#include <memory>
#include <string>

#include "newsgraph/io.h"

namespace newsgraph {

std::unique_ptr<DocumentReader> OpenStringReader(std::string data, std::string name,
                                                 const ReaderOptions& options);

}  // namespace newsgraph
