// The --resume file is a small JSON object (read back with Boost.JSON):
//   {"version":2,"fingerprint":"..","seed":N,"shards":N,"shard":I,
//    "complete":false,"output_bytes":N|null,
//    "positions":[{"step":N,"done":false,"completed":[N,..]},...]}
// Version 1 files (no completed, no output_bytes) still load. The file is
// replaced atomically and fsynced, so a crash (even kill -9 or power loss)
// while saving leaves the previous state, never half a file.
#include "scanner/resume.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>

namespace smtpsweep::scanner {
namespace json = boost::json;
namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path, int err) {
    throw std::runtime_error("cannot " + what + " resume file '" + path + "': " +
                             std::strerror(err));
}

std::string directory_of(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

void write_durably(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail("create", tmp, errno);
    std::size_t off = 0;
    while (off < text.size()) {
        const auto n = ::write(fd, text.data() + off, text.size() - off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : EIO;
            ::close(fd);
            ::unlink(tmp.c_str());
            fail("write", tmp, err);
        }
        off += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        fail("sync", tmp, err);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) fail("replace", path, errno);
    // The rename itself is durable only once the directory is synced.
    const int dir = ::open(directory_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

resume_state parse_state(const json::object& v) {
    resume_state st;
    st.plan_fingerprint = json::value_to<std::string>(v.at("fingerprint"));
    st.seed = json::value_to<std::uint64_t>(v.at("seed"));
    st.shards = json::value_to<std::uint32_t>(v.at("shards"));
    st.shard = json::value_to<std::uint32_t>(v.at("shard"));
    st.complete = v.at("complete").as_bool();
    if (const auto* b = v.if_contains("output_bytes"); b && !b->is_null())
        st.output_bytes = json::value_to<std::uint64_t>(*b);
    for (const auto& p : v.at("positions").as_array()) {
        const auto& o = p.as_object();
        st.positions.push_back({json::value_to<std::uint64_t>(o.at("step")),
                                o.at("done").as_bool()});
        auto& done = st.completed.emplace_back();
        if (const auto* c = o.if_contains("completed"))
            done = json::value_to<std::vector<std::uint64_t>>(*c);
    }
    if (st.positions.empty()) throw std::runtime_error("no positions");
    return st;
}

}  // namespace

std::string plan_fingerprint(const targets::plan_spec& spec) {
    // FNV-1a over every input that decides the target set; order-sensitive on
    // purpose: the same command line resumes, a different one is refused.
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&h](std::string_view s) {
        for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
        h = (h ^ 0xff) * 1099511628211ULL;
    };
    for (const auto& t : spec.targets) mix(t);
    mix(spec.ports);
    for (const auto& e : spec.exclude_lines) mix(e);
    mix(spec.default_exclude ? "default-exclude" : "no-default-exclude");
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

std::optional<resume_state> load_resume(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::stringstream ss;
    ss << in.rdbuf();
    try {
        return parse_state(json::parse(ss.str()).as_object());
    } catch (const std::exception& e) {
        throw std::runtime_error("cannot read resume file '" + path + "': " + e.what());
    }
}

void save_resume(const std::string& path, const resume_state& st) {
    json::array positions;
    for (std::size_t i = 0; i < st.positions.size(); ++i) {
        json::array done;
        if (i < st.completed.size())
            for (auto s : st.completed[i]) done.push_back(s);
        positions.push_back(
            {{"step", st.positions[i].step}, {"done", st.positions[i].done}, {"completed", done}});
    }
    json::value bytes = nullptr;
    if (st.output_bytes) bytes = *st.output_bytes;
    json::object o{{"version", 2},          {"fingerprint", st.plan_fingerprint},
                   {"seed", st.seed},       {"shards", st.shards},
                   {"shard", st.shard},     {"complete", st.complete},
                   {"output_bytes", bytes}, {"positions", positions}};
    write_durably(path, json::serialize(o) + '\n');
}

}  // namespace smtpsweep::scanner
