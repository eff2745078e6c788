import AtomicOutput
import Cluster
import Foundation

/// A prepared `failing` job (see `FailingBackend`).
package struct FailingJob: PreparedJob {
    package struct Spec: Decodable {
        package var tasks: Int
        package var message: String?
    }

    package let taskCount: Int
    package let message: String

    package init(spec data: Data) throws {
        guard let spec = try? JSONDecoder().decode(Spec.self, from: data), spec.tasks >= 0 else {
            throw BackendError.invalidSpec(kind: "failing", reason: "expected JSON {\"tasks\": N, \"message\": \"text\"}")
        }
        taskCount = spec.tasks
        message = spec.message ?? "this task always fails"
    }

    package func execute(task index: Int) throws -> Data {
        throw BackendError.taskFailed(index: index, message: message)
    }

    package func makeFold() -> any ResultFold { FailingFold() }

    package func manifest(run: RunRecord) -> OutputFile {
        OutputFile(name: "manifest.json", data: run.jsonData())
    }
}

/// A failing job never completes; should it be asked to, it says so.
package struct FailingFold: ResultFold {
    package mutating func fold(_ result: Data, task index: Int) throws {
        throw BackendError.taskFailed(index: index, message: "a failing job cannot be aggregated")
    }

    package func files() throws -> [OutputFile] {
        throw BackendError.taskFailed(index: -1, message: "a failing job cannot be aggregated")
    }
}
