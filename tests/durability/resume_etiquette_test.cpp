// The resume file round-trips checkpoints (positions, completed steps,
// output size) and still reads version 1 files; the etiquette rule picks a
// polite rate for scans wider than a /16 only when --rate was not given.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>

#include <unistd.h>

#include "scanner/etiquette.hpp"
#include "scanner/resume.hpp"

using namespace smtpsweep::scanner;

namespace {
std::string temp_path(const char* name) {
    return "/tmp/smtpsweep-durability-" + std::to_string(::getpid()) + "-" + name;
}
}  // namespace

TEST_CASE("a checkpoint survives a save and load unchanged", "[durability][resume]") {
    const auto path = temp_path("state.json");
    resume_state st;
    st.plan_fingerprint = "abc";
    st.seed = 42;
    st.positions = {{10, false}, {12, true}};
    st.completed = {{12, 15}, {}};
    st.output_bytes = 4096;
    save_resume(path, st);
    const auto back = load_resume(path);
    std::remove(path.c_str());
    REQUIRE(back);
    CHECK(back->seed == 42);
    REQUIRE(back->positions.size() == 2);
    CHECK(back->positions[0].step == 10);
    CHECK(back->positions[1].done);
    CHECK(back->completed[0] == std::vector<std::uint64_t>{12, 15});
    CHECK(back->completed[1].empty());
    CHECK(back->output_bytes == std::optional<std::uint64_t>{4096});
}

TEST_CASE("a version 1 resume file still loads", "[durability][resume]") {
    const auto path = temp_path("v1.json");
    std::ofstream(path) << R"({"version":1,"fingerprint":"f","seed":1,"shards":1,"shard":0,)"
                           R"("complete":false,"positions":[{"step":3,"done":false}]})";
    const auto back = load_resume(path);
    std::remove(path.c_str());
    REQUIRE(back);
    CHECK(back->positions[0].step == 3);
    CHECK(back->completed.size() == 1);
    CHECK_FALSE(back->output_bytes);
}

TEST_CASE("saving into a missing directory throws naming the file", "[durability][resume]") {
    resume_state st;
    st.positions = {{0, false}};
    CHECK_THROWS_WITH(save_resume("/nonexistent-dir/state.json", st),
                      Catch::Contains("/nonexistent-dir/state.json"));
}

TEST_CASE("scans wider than a /16 without --rate get the polite rate", "[durability][etiquette]") {
    CHECK(etiquette_rate(false, 131072, 1) == std::optional<double>{10000});
    CHECK(etiquette_rate(false, 3 * 65537, 3) == std::optional<double>{10000});
}

TEST_CASE("a /16 or an explicit --rate keeps the user's rate", "[durability][etiquette]") {
    CHECK_FALSE(etiquette_rate(false, 65536, 1));
    CHECK_FALSE(etiquette_rate(false, 3 * 65536, 3));
    CHECK_FALSE(etiquette_rate(true, 1u << 24, 1));
}
