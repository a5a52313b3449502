import Testing

@testable import SimulationKernel

@Suite struct SchedulerTests {
  /// The one ordering key: (time, rank, sequence), the event list first,
  /// then timers by index.
  @Test func equalTimesTakeEventListThenTimersInIndexOrder() {
    var scheduler = Scheduler(timers: 3)
    scheduler.setTimer(2, at: 1)
    scheduler.setTimer(0, at: 1)
    scheduler.setTimer(1, at: 0.5)
    scheduler.schedule(at: 1, kind: 4, subject: 9)
    scheduler.schedule(at: 1, kind: 5, subject: 8)
    var order: [String] = []
    while let occurrence = scheduler.next() {
      switch occurrence {
      case .event(let event): order.append("event \(event.kind)")
      case .timer(let index, let time):
        order.append("timer \(index) at \(time)")
        scheduler.setTimer(index, at: .infinity)
      }
    }
    #expect(order == ["timer 1 at 0.5", "event 4", "event 5", "timer 0 at 1.0", "timer 2 at 1.0"])
    #expect(scheduler.now == 1)
  }

  @Test func aTimerSetAgainFiresAgain() {
    var scheduler = Scheduler(timers: 1)
    scheduler.setTimer(0, at: 1)
    var fired: [Double] = []
    while case .timer(let index, let time)? = scheduler.next() {
      fired.append(time)
      scheduler.setTimer(index, at: fired.count < 3 ? time + 1 : .infinity)
    }
    #expect(fired == [1, 2, 3])
  }

  /// A stale event (its slot freed, then reused) is recognised and ignored;
  /// freeing a slot is how an event is cancelled.
  @Test func cancelledAndStaleEventsAreIgnored() {
    var table = SlotTable<Int>(minimumCapacity: 1)
    var scheduler = Scheduler()
    let first = table.insert(10)
    let second = table.insert(20)
    scheduler.schedule(at: 5, kind: 1, about: first)
    scheduler.schedule(at: 6, kind: 1, about: second)
    // Cancel the first call's event: free its slot; a new call reuses it.
    table.remove(first)
    let reused = table.insert(30)
    #expect(reused.index == first.index)
    #expect(reused.generation == first.generation + 1)
    let firstIsLive = table.contains(first)
    #expect(!firstIsLive)
    scheduler.schedule(at: 7, kind: 1, about: reused)
    var acted: [Int] = []
    while let event = scheduler.nextEvent() {
      let handle = event.handle(in: table)
      guard table.contains(handle) else { continue }
      acted.append(table[handle.index])
    }
    #expect(acted == [20, 30])
    let valid = table.isValid()
    #expect(valid)
  }

  @Test func slotTableReusesFreedSlotsLastInFirstOutAndGrows() {
    var table = SlotTable<Double>(minimumCapacity: 2)
    let handles = (0..<5).map { table.insert(Double($0)) }
    #expect(handles.map(\.index) == [0, 1, 2, 3, 4])
    let countBefore = table.count
    #expect(countBefore == 5)
    table.remove(handles[1])
    table.remove(handles[3])
    let countAfter = table.count
    #expect(countAfter == 3)
    let seven = table.insert(7)
    let eight = table.insert(8)
    #expect(seven.index == 3)
    #expect(eight.index == 1)
    let reused = table[1]
    let kept = table[4]
    #expect(reused == 8)
    #expect(kept == 4)
    let valid = table.isValid()
    #expect(valid)
  }

  @Test func cancellationTokenIsCancelledOnceRequested() {
    let token = CancellationToken()
    #expect(!token.isCancelled)
    token.cancel()
    #expect(token.isCancelled)
    CancellationToken.never.cancel()
    #expect(!CancellationToken.never.isCancelled)
  }
}
