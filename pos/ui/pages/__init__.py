"""One page of the wizard per step of a sale."""

PAGE_START = 0
PAGE_ITEMS = 1
PAGE_CUSTOMER = 2
PAGE_FULFILMENT = 3
PAGE_SHIPPING = 4
PAGE_PAYMENT = 5
PAGE_DONE = 6
