import ArgumentParser
import AtomicOutput
import CooperationNetwork
import Foundation

/// Prints typed input errors for humans and maps them to exit status 2 (an output
/// folder that cannot be written: status 1).
///
/// Every command wraps its work in this so that bad input never surfaces as a
/// stack trace or a generic failure.
func reportingInputErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as InputError {
        printError(error.description)
        throw ExitCode(2)
    } catch let error as OutputDestinationError {
        // --out names a file or someone's folder: the user's choice of folder (status 2).
        printError("error: \(error)")
        throw ExitCode(2)
    } catch let error as FileWriteError {
        // The input was fine; the output folder is not writable (status 1, not 2).
        printError("error: \(error)")
        throw ExitCode(1)
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    var line = text
    if !line.hasSuffix("\n") { line += "\n" }
    FileHandle.standardError.write(Data(line.utf8))
}
