/// How many bootstrap replicates give each year each label: a handful of
/// labels per job, interned in order of first appearance, counted per year
/// row. Memory is flat in the number of replicates.
struct YearLabelTally: Sendable {
    /// Labels seen so far, in order of first appearance.
    private var names: [String] = []
    /// Per year row, per index into `names`: replicates.
    private var tally: [[Int]]

    init(years: Int) { tally = Array(repeating: [], count: years) }

    var yearCount: Int { tally.count }

    /// Adds one replicate's label of every year row (`labels.count == yearCount`).
    mutating func add(_ labels: [String]) {
        var id = -1
        for (t, label) in labels.enumerated() {
            // Consecutive years mostly share a stage, hence a label.
            if id < 0 || names[id] != label { id = self.id(label) }
            if tally[t].count <= id { tally[t].append(contentsOf: repeatElement(0, count: id + 1 - tally[t].count)) }
            tally[t][id] += 1
        }
    }

    /// Per year row: label → replicates.
    var counts: [[String: Int]] {
        tally.map { row in
            var counts: [String: Int] = [:]
            for (id, n) in row.enumerated() where n > 0 { counts[names[id]] = n }
            return counts
        }
    }

    private mutating func id(_ label: String) -> Int {
        if let id = names.firstIndex(of: label) { return id }
        names.append(label)
        return names.count - 1
    }
}
