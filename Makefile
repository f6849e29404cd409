# newsgraph: the two-command quick start is `make demo` and `make test`.
JOBS ?= $(shell nproc)
BUILD ?= build
FUZZ_SECONDS ?= 300
CMAKE_FLAGS := -G Ninja -DCMAKE_BUILD_TYPE=Release $(if $(NEWSGRAPH_WERROR),-DNEWSGRAPH_WERROR=ON,)

.PHONY: deps build demo test unit-test fuzz fuzz-build bench format tidy clean

deps:
	@bash scripts/install-deps
	@bash scripts/fetch-small-places

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@bash scripts/demo

# Every test: unit and CLI tests (ctest), then each fuzz target briefly.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$${FUZZ_SECONDS_CI:-30}

fuzz-build: deps
	cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
	  -DCMAKE_CXX_COMPILER=clang++ -DNEWSGRAPH_FUZZ=ON -DNEWSGRAPH_TESTS=OFF -DNEWSGRAPH_BENCH=OFF
	cmake --build build-fuzz -j $(JOBS)

# Runs every fuzz target for FUZZ_SECONDS (default 300) from its seed corpus; fails on any crash or leak.
fuzz: fuzz-build
	@bash scripts/run-fuzz build-fuzz $(FUZZ_SECONDS)

bench: build
	@bash scripts/bench $(BUILD)

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

tidy: build
	clang-tidy -p $(BUILD) --quiet $$(git ls-files 'src/*.cc' 'apps/*.cc')

clean:
	rm -rf $(BUILD) build-fuzz build-asan build-debug
