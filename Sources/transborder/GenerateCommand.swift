import Analysis
import ArgumentParser
import AtomicOutput
import Foundation
import JobFiles
import Reports

extension SyntheticPanel.Design: ExpressibleByArgument {}

/// `transborder generate`: a synthetic panel with planted stages.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic panel with planted stages (ground truth for tests and scale runs).",
        discussion: """
            Writes places.csv, links.csv, job.yaml and truth.json ({"stage_starts": [...]}, plus
            "stage_layers" with --design emergence) into --out.
            The layer mix and the spatial reach of cross-border links shift at every planted stage start.
            The generated job runs in seconds by default (100 `links` replicates, no sensitivity scenarios).
            """
    )

    @Option(help: "Number of places (half on each side of the border; any size, e.g. 20000).")
    var places: Int = 60

    @Option(help: "Number of years (the panel starts in 1990).")
    var years: Int = 30

    @Option(help: "Number of planted stages.")
    var stages: Int = 3

    @Option(help: "Standard deviation S of the log-normal noise exp(S·Z) on every link weight (0 none, 0.3 moderate).")
    var noise: Double = 0

    @Option(help: "Year-to-year correlation ρ of each tie's noise (AR(1), in [0, 1); 0 = independent years).")
    var noiseRho: Double = 0

    @Option(help: "Seed of the generator, also used as the job's bootstrap seed.")
    var seed: UInt64 = 1

    @Option(help: "Bootstrap replicates written into job.yaml.")
    var replicates: Int = 100

    @Option(
        help: ArgumentHelp(
            "What the planted stages change: dominance (a layer's weight × 8 per stage, one unit) or emergence (a new layer appears per stage as tie spells, older ones persist; trade in billions from the first year, parks, corridors and acts as counts).",
            valueName: "dominance|emergence"))
    var design: SyntheticPanel.Design = .dominance

    @Flag(help: "Add leave-one-region-out and leave-one-layer-out scenarios to job.yaml.")
    var scenarios = false

    @Option(help: "Output folder (created; existing files of the same names are replaced).")
    var out: String

    func validate() throws {
        guard places >= 4 else { throw ValidationError("--places must be at least 4") }
        guard stages >= 1 else { throw ValidationError("--stages must be at least 1") }
        guard years >= 2 * stages else { throw ValidationError("--years must be at least 2 × --stages") }
        guard noise >= 0, noise.isFinite else { throw ValidationError("--noise must be a finite number ≥ 0") }
        guard replicates >= 0 else { throw ValidationError("--replicates must be ≥ 0") }
        guard noiseRho >= 0, noiseRho < 1 else { throw ValidationError("--noise-rho must be in [0, 1)") }
    }

    func run() throws {
        var generator = SyntheticPanel(places: places, years: years, stages: stages, noise: noise, seed: seed)
        generator.replicates = replicates
        generator.scenarios = scenarios
        generator.design = design
        generator.noiseRho = noiseRho
        try reportingInputErrors {
            try OutputFolder(URL(fileURLWithPath: out)).write(generator.files())
        }
        printError("wrote \(out)/{places.csv,links.csv,job.yaml,truth.json}")
    }
}
