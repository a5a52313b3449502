import Testing

@testable import CallcapKit

@Suite struct AgentLoaderTests {
  static let desk = """
    callcap: 1
    name: t
    simulation:
      horizon: 2h
    numbers: [050-1234-5678, 0800-123-4567]
    agents:
      - { name: desk, count: 14, wrap_up: 30s }
      - { name: ops, count: { every: 1h, counts: [2, 3] }, endpoint: pstn }
      - { name: spare, count: 1 }
    traffic:
      - name: support
        type: inbound
        to: 0800-123-4567
        ivr: uniform(min: 20s, max: 40s)
        queue:
          agents: desk
          patience: exponential(mean: 2m)
          redial: { probability: 30%, delay: exponential(mean: 10m) }
        arrivals: { rate: 200/h }
        duration: exponential(mean: 3m)
      - name: after-hours
        type: forward
        to: 050-1234-5678
        forward_to: { agents: ops }
        queue: { max_size: 5 }
        ring: 10s
        answer: 80%
        arrivals: { rate: 20/h }
        duration: 2m
    objectives:
      service_level: { within: 30s, min: 80% }
      abandoned: 5%
      answer_wait_p95: 1m
    expect:
      - { metric: abandon_rate, scope: agents:desk, max: 10% }
      - { metric: service_level, scope: traffic:support, min: 70% }
    """

  @Test func poolsQueuesAndOperators() throws {
    let scenario = try loadScenario(Self.desk)
    #expect(scenario.agents.map(\.name) == ["desk", "ops", "spare"])
    #expect(scenario.agents[0].staffing == .constant(14))
    #expect(scenario.agents[0].wrapUp == DistributionSpec(.constant(seconds: 30)))
    #expect(scenario.agents[1].staffing == .profile(everySeconds: 3600, counts: [2, 3]))
    #expect(scenario.agents[1].endpoint == .pstn)
    let support = scenario.traffic[0]
    #expect(support.queue?.pool == 0)
    #expect(support.queue?.maxSize == 1000)
    #expect(support.queue?.patience == DistributionSpec(.exponential(mean: 120)))
    #expect(support.queue?.redial?.probability == 0.3)
    #expect(support.ivr != nil)
    let forward = scenario.traffic[1]
    #expect(forward.forwardToAgents == 1)
    #expect(forward.queue?.pool == 1)
    #expect(forward.queue?.maxSize == 5)
    #expect(forward.forwardTo == nil)
    #expect(scenario.objectives.serviceLevelMin == 0.8)
    #expect(scenario.objectives.serviceLevelWithinSeconds == 30)
    #expect(scenario.objectives.abandonedShare == 0.05)
    #expect(scenario.objectives.answerWaitP95Seconds == 60)
    #expect(scenario.expectations.map(\.scope) == [.agents("desk"), .traffic("support")])
    #expect(scenario.warnings.contains { $0.message.contains("agent pool 'spare' is not used") })
  }

  @Test func forwardWithoutOperatorsTakesNoQueue() {
    let text = Self.desk.replacingOccurrences(of: "forward_to: { agents: ops }", with: "forward_to: 090-1234-5678")
    #expect(throws: (any Error).self) { try loadScenario(text) }
  }
}
