// The --resume file is a small JSON object (read back with Boost.JSON):
//   {"version":1,"fingerprint":"..","seed":N,"shards":N,"shard":I,
//    "complete":false,"positions":[{"step":N,"done":false},...]}
// It is replaced atomically so a crash while saving never leaves half a file.
#include "scanner/resume.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <boost/json.hpp>

namespace smtpsweep::scanner {
namespace json = boost::json;

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
        auto v = json::parse(ss.str()).as_object();
        resume_state st;
        st.plan_fingerprint = json::value_to<std::string>(v.at("fingerprint"));
        st.seed = json::value_to<std::uint64_t>(v.at("seed"));
        st.shards = json::value_to<std::uint32_t>(v.at("shards"));
        st.shard = json::value_to<std::uint32_t>(v.at("shard"));
        st.complete = v.at("complete").as_bool();
        for (const auto& p : v.at("positions").as_array()) {
            const auto& o = p.as_object();
            st.positions.push_back({json::value_to<std::uint64_t>(o.at("step")),
                                    o.at("done").as_bool()});
        }
        if (st.positions.empty()) throw std::runtime_error("no positions");
        return st;
    } catch (const std::exception& e) {
        throw std::runtime_error("cannot read resume file '" + path + "': " + e.what());
    }
}

void save_resume(const std::string& path, const resume_state& st) {
    json::array positions;
    for (const auto& p : st.positions) positions.push_back({{"step", p.step}, {"done", p.done}});
    json::object o{{"version", 1},        {"fingerprint", st.plan_fingerprint},
                   {"seed", st.seed},     {"shards", st.shards},
                   {"shard", st.shard},   {"complete", st.complete},
                   {"positions", positions}};
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << json::serialize(o) << '\n';
        out.flush();
        if (!out) throw std::runtime_error("cannot write resume file '" + tmp + "'");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        throw std::runtime_error("cannot replace resume file '" + path + "'");
}

}  // namespace smtpsweep::scanner
