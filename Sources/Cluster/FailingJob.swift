import AtomicOutput
import Foundation

/// A prepared `failing` job (see `FailingBackend`).
public struct FailingJob: PreparedJob {
    struct Spec: Decodable {
        var tasks: Int
        var message: String?
    }

    public let taskCount: Int
    let message: String

    init(spec data: Data) throws {
        guard let spec = try? JSONDecoder().decode(Spec.self, from: data), spec.tasks >= 0 else {
            throw BackendError.invalidSpec(kind: "failing", reason: "expected JSON {\"tasks\": N, \"message\": \"text\"}")
        }
        taskCount = spec.tasks
        message = spec.message ?? "this task always fails"
    }

    public func execute(task index: Int) throws -> Data {
        throw BackendError.taskFailed(index: index, message: message)
    }

    public func makeFold() -> any ResultFold { FailingFold() }

    public func manifest(run: RunRecord) -> OutputFile {
        OutputFile(name: "manifest.json", data: run.jsonData())
    }
}

/// A failing job never completes; should it be asked to, it says so.
struct FailingFold: ResultFold {
    mutating func fold(_ result: Data, task index: Int) throws {
        throw BackendError.taskFailed(index: index, message: "a failing job cannot be aggregated")
    }

    func files() throws -> [OutputFile] {
        throw BackendError.taskFailed(index: -1, message: "a failing job cannot be aggregated")
    }
}
