// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "transborder",
    platforms: [.macOS(.v15)],  // Synchronization.Mutex
    products: [
        .executable(name: "transborder", targets: ["transborder"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // System libraries (Debian: libzmq3-dev, libsqlite3-dev).
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),

        // The one byte codec (little-endian) of the wire, the job bundle and the task outcomes.
        .target(name: "ByteCodec"),

        // Pure compute core: no sockets, no files, no clocks.
        .target(name: "CooperationNetwork"),
        .target(name: "Centrality"),
        .target(name: "StageTransition"),
        .target(name: "Resampling"),
        .target(
            name: "Analysis",
            dependencies: ["CooperationNetwork", "Centrality", "StageTransition", "Resampling", "AtomicOutput", "ByteCodec"]
        ),
        // Everything the analysis writes: CSV tables, JSON, GeoJSON, the HTML/SVG report
        // and its basemap, the synthetic panel's files.
        .target(
            name: "Reports",
            dependencies: [
                "Analysis", "CooperationNetwork", "Centrality", "StageTransition", "Resampling", "AtomicOutput",
                "ConcurrencyTools",
            ]
        ),

        // The concurrency tools every thread-starting module uses (GuardedCondition, OwnedThread).
        .target(name: "ConcurrencyTools"),

        // Edges of the system: files, sockets, the store.
        // Files written whole or not at all (job outputs, cluster result folders).
        .target(name: "AtomicOutput"),
        .target(
            name: "JobFiles",
            dependencies: [
                "CooperationNetwork", "Centrality", "StageTransition", "Analysis", "AtomicOutput",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ", "ConcurrencyTools"]),
        // The cluster's wire protocol: messages, their byte codec, the job bundle and its
        // content hash, the client-visible status — pure values, testable without sockets.
        .target(
            name: "ClusterProtocol",
            dependencies: ["ByteCodec", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The coordinator's durable state: SQLite (WAL) jobs, results, failures, workers.
        .target(name: "JobStore", dependencies: ["CSQLite", "ClusterProtocol"]),
        // The runtime: coordinator, worker, client, in-process and local runs.
        .target(
            name: "Cluster",
            dependencies: [
                "ZeroMQ", "ClusterProtocol", "JobStore", "CooperationNetwork", "AtomicOutput", "ConcurrencyTools",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Backends for tests and benchmarks (noop, failing) and the codec/raw-socket benchmarks.
        .target(
            name: "ClusterSupport",
            dependencies: [
                "Cluster", "ClusterProtocol", "JobStore", "ZeroMQ", "AtomicOutput", "ConcurrencyTools", "ByteCodec",
            ]
        ),
        .executableTarget(
            name: "transborder",
            dependencies: [
                "CooperationNetwork", "Centrality", "StageTransition", "Resampling",
                "Analysis", "Reports", "JobFiles", "AtomicOutput", "ZeroMQ", "ClusterProtocol", "JobStore", "Cluster",
                "ClusterSupport", "ConcurrencyTools",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Builds jobs/heilongjiang-far-east from its facts (jobs/heilongjiang-far-east/RULES.md).
        .executableTarget(
            name: "build-default-job",
            dependencies: [.product(name: "CSV", package: "CSV.swift")],
            path: "Sources/BuildDefaultJob"
        ),

        // Tests read committed fixtures (Tests/Fixtures); none needs Python.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CentralityTests", dependencies: ["Centrality", "TestSupport"]),
        .testTarget(name: "StageTransitionTests", dependencies: ["StageTransition", "TestSupport"]),
        // The domain and JobFiles' readers (they share the PanelInput helper).
        .testTarget(
            name: "CooperationNetworkTests",
            dependencies: [
                "CooperationNetwork", "JobFiles", "TestSupport",
                // CSV.swift: the reference reader `CSVScanner` is compared with.
                .product(name: "CSV", package: "CSV.swift"),
            ]),
        // Determinism and bootstrap tests compare whole output sets (Reports' OutputSet).
        .testTarget(
            name: "AnalysisTests", dependencies: ["Analysis", "Reports", "Resampling", "JobFiles", "CooperationNetwork", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Analysis", "JobFiles", "CooperationNetwork", "TestSupport"]),
        .testTarget(
            name: "ClusterTests",
            dependencies: [
                "Cluster", "ClusterProtocol", "JobStore", "ClusterSupport", "ZeroMQ", "AtomicOutput", "TestSupport",
            ]),
        // CSV.swift: reads the default job's links and facts in DefaultJobTraceTests.
        .testTarget(name: "CLITests", dependencies: ["TestSupport", .product(name: "CSV", package: "CSV.swift")]),
        .testTarget(name: "ConcurrencyToolsTests", dependencies: ["ConcurrencyTools"]),
        .testTarget(name: "AtomicOutputTests", dependencies: ["AtomicOutput", "TestSupport"]),
        .testTarget(name: "ClusterProtocolTests", dependencies: ["ClusterProtocol", "TestSupport"]),
        .testTarget(name: "ByteCodecTests", dependencies: ["ByteCodec", "TestSupport"]),
        .testTarget(name: "JobStoreTests", dependencies: ["JobStore", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
