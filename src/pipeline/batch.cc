// The batch runner keeps a window of in-flight documents in input order. The calling thread
// reads (the reader is single-threaded), hands each readable document to the worker pool, and
// delivers finished documents from the front of the window to the sink — so output order equals
// input order however unevenly the documents' processing times fall, and memory is bounded by
// the window size (a few documents per thread), not by the input size.
#include "pipeline/batch.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace newsgraph {
namespace {

using Clock = std::chrono::steady_clock;

struct Slot {
  ReadItem item;
  bool done = false;
};

class ProgressBar {
 public:
  ProgressBar(bool enabled, const char* label) : enabled_(enabled && isatty(STDERR_FILENO)), label_(label) {}
  void Update(const BatchStats& stats, bool final = false) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(stats.documents) / seconds : 0.0;
    const double mb_rate = seconds > 0 ? static_cast<double>(stats.bytes) / 1e6 / seconds : 0.0;
    std::fprintf(stderr, "\r\033[K%llu %s (%llu failed) | %.1f docs/s | %.2f MB/s | %.1fs%s",
                 static_cast<unsigned long long>(stats.documents), label_,
                 static_cast<unsigned long long>(stats.failed), rate, mb_rate, seconds, final ? "\n" : "");
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  const char* label_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_ = Clock::time_point::min();
};

Status ProcessSafely(const Pipeline* pipeline, Doc& doc) {
  if (pipeline == nullptr) return Status::Ok();
  try {
    return pipeline->Process(doc);
  } catch (const std::exception& e) {
    return Status(ErrorCode::kInternal, "doc '" + doc.id + "': " + e.what());
  } catch (...) {
    return Status(ErrorCode::kInternal, "doc '" + doc.id + "': unknown failure");
  }
}

}  // namespace

Result<BatchStats> RunBatch(DocumentReader& reader, const Pipeline* pipeline, const BatchOptions& options,
                            const DocumentSink& sink) {
  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(1, threads);
  BatchStats stats;
  ProgressBar progress(options.show_progress, options.label);
  const auto start = Clock::now();

  auto deliver = [&](ReadItem& item) -> Status {
    ++stats.documents;
    if (!item.status.ok()) {
      ++stats.failed;
    } else {
      stats.bytes += item.doc.text.size();
    }
    Status s = sink(item);
    progress.Update(stats);
    return s;
  };

  if (threads == 1) {
    ReadItem item;
    while (reader.Next(item)) {
      if (item.status.ok()) item.status = ProcessSafely(pipeline, item.doc);
      NEWSGRAPH_RETURN_IF_ERROR(deliver(item));
      item = ReadItem();
    }
  } else {
    std::mutex mu;
    std::condition_variable work_ready;
    std::condition_variable slot_done;
    std::deque<Slot> window;  // deque: references stay valid while we push back / pop front
    std::deque<Slot*> todo;
    bool stopping = false;
    const std::size_t max_window = static_cast<std::size_t>(threads) * 4;

    std::vector<std::thread> workers;
    workers.reserve(threads);
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        for (;;) {
          Slot* slot;
          {
            std::unique_lock lock(mu);
            work_ready.wait(lock, [&] { return stopping || !todo.empty(); });
            if (todo.empty()) return;
            slot = todo.front();
            todo.pop_front();
          }
          Status s = ProcessSafely(pipeline, slot->item.doc);
          {
            std::lock_guard lock(mu);
            slot->item.status = std::move(s);
            slot->done = true;
          }
          slot_done.notify_all();
        }
      });
    }

    Status sink_status;
    bool end_of_input = false;
    for (;;) {
      // Fill the window.
      while (!end_of_input) {
        {
          std::lock_guard lock(mu);
          if (window.size() >= max_window) break;
        }
        ReadItem item;
        if (!reader.Next(item)) {
          end_of_input = true;
          break;
        }
        std::lock_guard lock(mu);
        window.push_back(Slot{std::move(item), false});
        Slot& slot = window.back();
        if (slot.item.status.ok()) {
          todo.push_back(&slot);
          work_ready.notify_one();
        } else {
          slot.done = true;  // reading failed: deliver the error in its place
        }
      }
      // Deliver finished documents from the front, in order.
      Slot front;
      {
        std::unique_lock lock(mu);
        if (window.empty()) {
          if (end_of_input) break;
          continue;
        }
        slot_done.wait(lock, [&] { return window.front().done; });
        front = std::move(window.front());
        window.pop_front();
      }
      sink_status = deliver(front.item);
      if (!sink_status.ok()) break;
    }
    {
      std::lock_guard lock(mu);
      stopping = true;
      todo.clear();
    }
    work_ready.notify_all();
    for (auto& w : workers) w.join();
    if (!sink_status.ok()) return sink_status;
  }
  stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  progress.Update(stats, /*final=*/true);
  return stats;
}

}  // namespace newsgraph
