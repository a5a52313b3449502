/// JUnit XML for CI systems: one testsuite per scenario, one testcase per
/// expectation, a failure element carrying the measured value. No
/// timestamps or durations, so the file is reproducible.
public enum JUnitReport {
  public static func render(_ checks: [ScenarioCheck]) -> String {
    let tests = checks.reduce(0) { $0 + $1.results.count }
    let failures = checks.reduce(0) { $0 + $1.failures }
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml += "<testsuites name=\"callcap check\" tests=\"\(tests)\" failures=\"\(failures)\">\n"
    for check in checks {
      xml +=
        "  <testsuite name=\"\(XML.escape(check.scenario.name))\" tests=\"\(check.results.count)\" failures=\"\(check.failures)\" errors=\"0\" skipped=\"0\">\n"
      xml += "    <properties>\n"
      xml += "      <property name=\"scenario\" value=\"\(XML.escape(check.scenario.path))\"/>\n"
      xml += "      <property name=\"seed\" value=\"\(check.scenario.simulation.seed)\"/>\n"
      xml += "      <property name=\"replications\" value=\"\(check.scenario.simulation.replications)\"/>\n"
      xml += "      <property name=\"strict\" value=\"\(check.strict)\"/>\n"
      xml += "    </properties>\n"
      for result in check.results {
        let line = result.expectation.location.map { " file=\"\(XML.escape(check.scenario.path))\" line=\"\($0.line)\"" } ?? ""
        xml +=
          "    <testcase classname=\"callcap.\(XML.escape(check.scenario.name))\" name=\"\(XML.escape(result.name + " " + result.limitText))\"\(line)"
        if result.passed {
          xml += "/>\n"
        } else {
          let message = "measured \(result.measuredText), limit \(result.limitText)"
          xml +=
            ">\n      <failure type=\"expectation\" message=\"\(XML.escape(message))\">\(XML.escape(message))</failure>\n    </testcase>\n"
        }
      }
      xml += "  </testsuite>\n"
    }
    return xml + "</testsuites>\n"
  }
}
