/// Per-replication results as values (``ReplicationResult`` is `Codable`):
/// a metric by its name, a scope as written in `summary.csv` and `expect:`
/// (`api`, `trunk:<name>`, `inbound`, `traffic:<name>`).
extension Metric: Codable {}

extension Scope: Codable {
  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let scope = Scope(parsing: text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown scope '\(text)'"))
    }
    self = scope
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
