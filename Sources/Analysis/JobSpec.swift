import Centrality
import CooperationNetwork
import StageTransition

/// A job: which data, which years, how to find stages, how to bootstrap, which
/// sensitivity scenarios. Parsed from YAML/JSON by `JobFiles`; documented in
/// docs/JOB_SPEC.md. Pure value, no file paths resolved here.
package struct JobSpec: Sendable, Hashable {
    package var name: String
    /// Paths of places.csv and links.csv, relative to the job file.
    package var places: String
    package var links: String
    package var firstYear: Int
    package var lastYear: Int
    package var directed: Bool
    package var distance: DistanceSetting
    /// Declared layers: unit and default measurement error (spec key `layers`).
    package var layers: [String: LayerSettings]
    package var stages: StageSettings
    package var bootstrap: BootstrapSettings
    package var sensitivity: SensitivitySettings
    /// A published periodization the report compares with (never used by the analysis).
    package var reference: ReferencePeriodization? = nil

    package init(
        name: String, places: String = "places.csv", links: String = "links.csv",
        firstYear: Int, lastYear: Int, directed: Bool = false,
        distance: DistanceSetting = .inverse,
        layers: [String: LayerSettings] = [:],
        stages: StageSettings = StageSettings(),
        bootstrap: BootstrapSettings = BootstrapSettings(),
        sensitivity: SensitivitySettings = SensitivitySettings()
    ) {
        self.name = name
        self.places = places
        self.links = links
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.directed = directed
        self.distance = distance
        self.layers = layers
        self.stages = stages
        self.bootstrap = bootstrap
        self.sensitivity = sensitivity
    }
}

extension JobSpec {
    /// The declared unit of `layer` ("unitless" when the spec does not declare it).
    package func unit(of layer: String) -> String { layers[layer]?.unit ?? LayerSettings.undeclaredUnit }

    /// The relative measurement error of a link: its own `rel_error`, else its layer's default, else 0.
    package func relativeError(of link: Link, in panel: Panel) -> Double {
        link.relError ?? layers[panel.layers[link.layer].rawValue]?.relError ?? 0
    }
}

/// What the spec declares about one layer. Layers are never converted into
/// one another: each is measured in its own unit, and compared with the
/// others only after normalization within the layer (docs/METHODS.md §3).
package struct LayerSettings: Sendable, Hashable {
    package static let undeclaredUnit = "unitless"
    /// The unit of the layer's weights, e.g. "billion USD", "parks" (shown in outputs).
    package var unit: String
    /// Default relative measurement error (one sd of a log-normal factor) of the layer's links.
    package var relError: Double

    package init(unit: String = LayerSettings.undeclaredUnit, relError: Double = 0) {
        self.unit = unit
        self.relError = relError
    }
}

/// How link intensities become lengths for path-based measures: the
/// Centrality module's `DistanceMode` (inverse 1/w — the default —, raw, hops).
package typealias DistanceSetting = DistanceMode

/// Change-point settings for the yearly indicator series: the StageTransition
/// module's `SegmentationSettings` plus the choice of indicator columns.
package struct StageSettings: Sendable, Hashable {
    package typealias Method = SegmentationSettings.Method
    package typealias Cost = CostModel
    /// `bic`, `mbic` or a fixed value on the cost scale.
    package typealias PenaltySetting = Penalty

    package var method: Method = .dynp
    package var cost: CostModel = .l2
    /// Fixed number of breaks; nil = choose k in 0...maxBreaks by the penalty.
    package var breaks: Int? = nil
    package var maxBreaks: Int = 5
    package var penalty: Penalty = .bic
    /// How stages are named: by the layer that emerges (default) or by relative shares.
    package var label: StageLabelRule = .emergence
    package var minSize: Int = 3
    package var standardize: Bool = true
    /// Indicator columns used for change points; empty = all.
    package var indicators: [String] = []
    /// Leave the declared dating uncertainty of tie starts out of the fit at the
    /// boundaries it blurs (`BoundaryBlur`, docs/METHODS.md §4); false = every
    /// boundary dated exactly, as ruptures.
    package var dateBlur: Bool = true

    package init() {}

    /// The settings handed to `ChangePoints.segment`.
    package var segmentation: SegmentationSettings {
        SegmentationSettings(
            method: method, cost: cost, minSize: minSize, breaks: breaks,
            maxBreaks: maxBreaks, penalty: penalty, standardize: standardize)
    }
}

/// Bootstrap settings: replicate r of scenario s is a pure function of (seed, s, r).
package struct BootstrapSettings: Sendable, Hashable {
    package enum Scheme: String, Sendable, Hashable, Codable, CaseIterable {
        /// One Bayesian-bootstrap weight per tie spell for its whole life, everything recomputed (default).
        case spells
        /// Poisson(1) multiplicity per link per year, everything recomputed.
        case links
        /// Within-segment resampling of indicator residuals.
        case residuals
        /// Moving blocks of years.
        case blocks
    }

    package var scheme: Scheme = .spells
    package var replicates: Int = 100
    package var seed: UInt64 = 1
    /// Block length in years for the `blocks` scheme.
    package var blockLength: Int = 3
    /// Replicates per task sent to a worker.
    package var batchSize: Int = 10
    /// Perturb weights by their measurement error and spell starts by their
    /// date uncertainty in every replicate, on top of the scheme (a no-op for
    /// panels without `rel_error`, estimated rows or `date_uncertainty`).
    package var measurement: Bool = true
    /// Year-to-year correlation of a tie's measurement errors (AR(1)).
    package var rho: Double = 0.8
    /// Relative error of an `estimated` row whose error is stated nowhere
    /// (neither its own `rel_error` nor its layer's default).
    package var estimatedRelError: Double = 0.3
    /// A replicate supports a baseline transition when it has one within ± this many years.
    package var matchWindow: Int = 2

    package init() {}
}

/// Regional sensitivity scenarios, each a full re-analysis of a modified panel.
package struct SensitivitySettings: Sendable, Hashable {
    /// Regions to leave out one at a time; nil = none, empty = every region of the panel.
    package var leaveOneRegionOut: [String]? = nil
    /// Layers to leave out one at a time; nil = none, empty = every layer.
    package var leaveOneLayerOut: [String]? = nil
    /// Regions whose link weights are scaled by (1 ± factor); nil = none, empty = every region.
    package var perturbRegion: [String]? = nil
    package var perturbFactor: Double = 0.2
    /// The scenario leaving out every link marked `estimated`.
    package var leaveOutEstimated: Bool = false
    /// The scenario moving every link with an `alt_layer` onto that layer.
    package var alternativeReading: Bool = false
    /// Bootstrap replicates per sensitivity scenario (0 = point estimate only).
    package var replicates: Int = 0

    package init() {}
}
