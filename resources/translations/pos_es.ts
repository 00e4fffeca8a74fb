<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
  <context>
    <name>AddressForm</name>
    <message>
      <source>&amp;First name</source>
      <translation>&amp;Nombre</translation>
    </message>
    <message>
      <source>&amp;Last name</source>
      <translation>&amp;Apellidos</translation>
    </message>
    <message>
      <source>E-&amp;mail</source>
      <translation>Correo &amp;electrónico</translation>
    </message>
    <message>
      <source>&amp;Phone</source>
      <translation>&amp;Teléfono</translation>
    </message>
    <message>
      <source>Compan&amp;y</source>
      <translation>Empre&amp;sa</translation>
    </message>
    <message>
      <source>&amp;Street address</source>
      <translation>&amp;Dirección</translation>
    </message>
    <message>
      <source>Apartment, suite (optional)</source>
      <translation>Piso, puerta (opcional)</translation>
    </message>
    <message>
      <source>C&amp;ity</source>
      <translation>C&amp;iudad</translation>
    </message>
    <message>
      <source>Postal / &amp;ZIP code</source>
      <translation>Código &amp;postal</translation>
    </message>
    <message>
      <source>Co&amp;untry</source>
      <translation>Pa&amp;ís</translation>
    </message>
    <message>
      <source>State / pro&amp;vince</source>
      <translation>Estado / pro&amp;vincia</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>Elija…</translation>
    </message>
  </context>
  <context>
    <name>BusyIndicator</name>
    <message>
      <source>Working</source>
      <translation>Trabajando</translation>
    </message>
    <message>
      <source>Working…</source>
      <translation>Trabajando…</translation>
    </message>
  </context>
  <context>
    <name>CardEntry</name>
    <message>
      <source>Card number</source>
      <translation>Número de tarjeta</translation>
    </message>
    <message>
      <source>Card brand</source>
      <translation>Marca de la tarjeta</translation>
    </message>
    <message>
      <source>Name on card</source>
      <translation>Nombre en la tarjeta</translation>
    </message>
    <message>
      <source>Expiry date, month and four-digit year</source>
      <translation>Fecha de caducidad, mes y año de cuatro cifras</translation>
    </message>
    <message>
      <source>MM/YYYY</source>
      <translation>MM/AAAA</translation>
    </message>
    <message>
      <source>Security code (CVV)</source>
      <translation>Código de seguridad (CVV)</translation>
    </message>
    <message>
      <source>Save this card for the customer (ask them first)</source>
      <translation>Guardar esta tarjeta para el cliente (pregúntele antes)</translation>
    </message>
    <message>
      <source>Save this card for the customer</source>
      <translation>Guardar esta tarjeta para el cliente</translation>
    </message>
    <message>
      <source>Card &amp;number</source>
      <translation>&amp;Número de tarjeta</translation>
    </message>
    <message>
      <source>Name on &amp;card</source>
      <translation>Nombre en la &amp;tarjeta</translation>
    </message>
    <message>
      <source>&amp;Expiry (MM/YYYY)</source>
      <translation>&amp;Caducidad (MM/AAAA)</translation>
    </message>
    <message>
      <source>CV&amp;V</source>
      <translation>CV&amp;V</translation>
    </message>
    <message>
      <source>Unknown brand</source>
      <translation>Marca desconocida</translation>
    </message>
    <message numerus="yes">
      <source>%n digits</source>
      <translation>
        <numerusform>%n cifra</numerusform>
        <numerusform>%n cifras</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>CustomerPage</name>
    <message>
      <source>Customer and billing address</source>
      <translation>Cliente y dirección de facturación</translation>
    </message>
    <message>
      <source>Sell as a guest, or find the customer by e-mail, name or phone.</source>
      <translation>Venda como invitado o busque al cliente por correo, nombre o teléfono.</translation>
    </message>
    <message>
      <source>&amp;Guest</source>
      <translation>&amp;Invitado</translation>
    </message>
    <message>
      <source>Sell as a guest</source>
      <translation>Vender como invitado</translation>
    </message>
    <message>
      <source>&amp;Existing customer</source>
      <translation>Cliente &amp;existente</translation>
    </message>
    <message>
      <source>Existing customer</source>
      <translation>Cliente existente</translation>
    </message>
    <message>
      <source>F&amp;ind customer:</source>
      <translation>&amp;Buscar cliente:</translation>
    </message>
    <message>
      <source>Find customer by e-mail, name or phone</source>
      <translation>Buscar cliente por correo, nombre o teléfono</translation>
    </message>
    <message>
      <source>E-mail, name or phone</source>
      <translation>Correo, nombre o teléfono</translation>
    </message>
    <message>
      <source>Customers found</source>
      <translation>Clientes encontrados</translation>
    </message>
    <message>
      <source>Saved &amp;address:</source>
      <translation>Dirección &amp;guardada:</translation>
    </message>
    <message>
      <source>The customer's saved addresses</source>
      <translation>Direcciones guardadas del cliente</translation>
    </message>
    <message>
      <source>Billing address</source>
      <translation>Dirección de facturación</translation>
    </message>
    <message>
      <source>Billing address:</source>
      <translation>Dirección de facturación:</translation>
    </message>
    <message>
      <source>No customer matches “%1”.</source>
      <translation>Ningún cliente coincide con «%1».</translation>
    </message>
    <message>
      <source>Looking for the customer…</source>
      <translation>Buscando al cliente…</translation>
    </message>
    <message>
      <source>Type a new address</source>
      <translation>Escribir una dirección nueva</translation>
    </message>
    <message>
      <source>Check the fields marked below.</source>
      <translation>Revise los campos marcados abajo.</translation>
    </message>
    <message>
      <source>Saving the customer and address…</source>
      <translation>Guardando el cliente y la dirección…</translation>
    </message>
  </context>
  <context>
    <name>DonePage</name>
    <message>
      <source>Done</source>
      <translation>Terminado</translation>
    </message>
    <message>
      <source>The sale is paid.</source>
      <translation>La venta está pagada.</translation>
    </message>
    <message>
      <source>Order number:</source>
      <translation>Número de pedido:</translation>
    </message>
    <message>
      <source>Status:</source>
      <translation>Estado:</translation>
    </message>
    <message>
      <source>Transaction:</source>
      <translation>Transacción:</translation>
    </message>
    <message>
      <source>Card:</source>
      <translation>Tarjeta:</translation>
    </message>
    <message>
      <source>Receipt preview</source>
      <translation>Vista previa del recibo</translation>
    </message>
    <message>
      <source>&amp;Print… (Ctrl+P)</source>
      <translation>&amp;Imprimir… (Ctrl+P)</translation>
    </message>
    <message>
      <source>Save as P&amp;DF… (Ctrl+S)</source>
      <translation>Guardar como P&amp;DF… (Ctrl+S)</translation>
    </message>
    <message>
      <source>&amp;New sale (Ctrl+N)</source>
      <translation>&amp;Nueva venta (Ctrl+N)</translation>
    </message>
    <message>
      <source>Save the receipt as PDF</source>
      <translation>Guardar el recibo como PDF</translation>
    </message>
    <message>
      <source>PDF files (*.pdf)</source>
      <translation>Archivos PDF (*.pdf)</translation>
    </message>
  </context>
  <context>
    <name>FulfilmentPage</name>
    <message>
      <source>Fulfilment</source>
      <translation>Entrega</translation>
    </message>
    <message>
      <source>Does the customer take the items now, or are they shipped?</source>
      <translation>¿El cliente se lleva los artículos ahora o se envían?</translation>
    </message>
    <message>
      <source>Customer &amp;takes it now</source>
      <translation>El cliente se lo &amp;lleva ahora</translation>
    </message>
    <message>
      <source>S&amp;hip</source>
      <translation>&amp;Enviar</translation>
    </message>
    <message>
      <source>Picked up at %1.</source>
      <translation>Se recoge en %1.</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>Artículo</translation>
    </message>
    <message>
      <source>Ship</source>
      <translation>Enviar</translation>
    </message>
    <message>
      <source>Ship &amp;to:</source>
      <translation>Enviar &amp;a:</translation>
    </message>
    <message>
      <source>S&amp;plit: take some items now, ship the others</source>
      <translation>&amp;Dividir: llevar unos artículos ahora y enviar los demás</translation>
    </message>
    <message>
      <source>What the customer takes now</source>
      <translation>Lo que el cliente se lleva ahora</translation>
    </message>
    <message>
      <source>Quantity</source>
      <translation>Cantidad</translation>
    </message>
    <message>
      <source>Now or ship</source>
      <translation>Ahora o envío</translation>
    </message>
    <message>
      <source>Shipping address</source>
      <translation>Dirección de envío</translation>
    </message>
    <message>
      <source>New shipping address</source>
      <translation>Dirección de envío nueva</translation>
    </message>
    <message>
      <source>Billing address: %1</source>
      <translation>Dirección de facturación: %1</translation>
    </message>
    <message>
      <source>A new address</source>
      <translation>Una dirección nueva</translation>
    </message>
    <message>
      <source>Takes it now</source>
      <translation>Se lo lleva ahora</translation>
    </message>
    <message>
      <source>Take now or ship: %1</source>
      <translation>Llevar ahora o enviar: %1</translation>
    </message>
    <message>
      <source>Check the shipping address fields.</source>
      <translation>Revise los campos de la dirección de envío.</translation>
    </message>
    <message>
      <source>Setting up pickup and shipping…</source>
      <translation>Preparando la recogida y el envío…</translation>
    </message>
  </context>
  <context>
    <name>HeaderBar</name>
    <message>
      <source>Store: %1</source>
      <translation>Tienda: %1</translation>
    </message>
    <message>
      <source>none</source>
      <translation>ninguna</translation>
    </message>
    <message>
      <source>Channel: %1</source>
      <translation>Canal: %1</translation>
    </message>
    <message>
      <source>Terminal: %1</source>
      <translation>Terminal: %1</translation>
    </message>
    <message>
      <source>Online</source>
      <translation>En línea</translation>
    </message>
    <message>
      <source>Offline</source>
      <translation>Sin conexión</translation>
    </message>
  </context>
  <context>
    <name>HelpOverlay</name>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>Atajos de teclado</translation>
    </message>
    <message>
      <source>Press any key to close.</source>
      <translation>Pulse cualquier tecla para cerrar.</translation>
    </message>
  </context>
  <context>
    <name>ItemsPage</name>
    <message>
      <source>Purchasing is disabled for this product</source>
      <translation>La compra de este producto está desactivada</translation>
    </message>
    <message>
      <source>Out of stock</source>
      <translation>Agotado</translation>
    </message>
    <message>
      <source>Not for sale</source>
      <translation>No está a la venta</translation>
    </message>
    <message>
      <source>Items</source>
      <translation>Artículos</translation>
    </message>
    <message>
      <source>Scan items, or type a name or SKU and press Enter.</source>
      <translation>Escanee los artículos o escriba un nombre o SKU y pulse Intro.</translation>
    </message>
    <message>
      <source>&amp;Scan or search:</source>
      <translation>E&amp;scanear o buscar:</translation>
    </message>
    <message>
      <source>Scan or search for an item</source>
      <translation>Escanear o buscar un artículo</translation>
    </message>
    <message>
      <source>Barcode, SKU or name</source>
      <translation>Código de barras, SKU o nombre</translation>
    </message>
    <message>
      <source>Search results</source>
      <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nombre</translation>
    </message>
    <message>
      <source>Variant</source>
      <translation>Variante</translation>
    </message>
    <message>
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <source>Price</source>
      <translation>Precio</translation>
    </message>
    <message>
      <source>Stock</source>
      <translation>Existencias</translation>
    </message>
    <message>
      <source>Items in this sale:</source>
      <translation>Artículos de esta venta:</translation>
    </message>
    <message>
      <source>Items in this sale</source>
      <translation>Artículos de esta venta</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>Artículo</translation>
    </message>
    <message>
      <source>Quantity</source>
      <translation>Cantidad</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>&amp;Remove line (Del)</source>
      <translation>&amp;Quitar línea (Supr)</translation>
    </message>
    <message>
      <source>Remove the selected line</source>
      <translation>Quitar la línea seleccionada</translation>
    </message>
    <message>
      <source>Subtotal:</source>
      <translation>Subtotal:</translation>
    </message>
    <message>
      <source>In stock</source>
      <translation>Disponible</translation>
    </message>
    <message>
      <source>%1 cannot be sold: %2.</source>
      <translation>%1 no se puede vender: %2.</translation>
    </message>
    <message>
      <source>Choose the variant, then press Enter.</source>
      <translation>Elija la variante y pulse Intro.</translation>
    </message>
    <message>
      <source>Adding the item…</source>
      <translation>Añadiendo el artículo…</translation>
    </message>
    <message>
      <source>Quantity of %1</source>
      <translation>Cantidad de %1</translation>
    </message>
    <message>
      <source>Updating the quantity…</source>
      <translation>Actualizando la cantidad…</translation>
    </message>
    <message>
      <source>Removing the line…</source>
      <translation>Quitando la línea…</translation>
    </message>
  </context>
  <context>
    <name>OfflineBanner</name>
    <message>
      <source>Retry now</source>
      <translation>Reintentar ahora</translation>
    </message>
    <message>
      <source>Retry connecting to the store</source>
      <translation>Reintentar la conexión con la tienda</translation>
    </message>
    <message>
      <source>Offline: the store cannot be reached. Nothing is lost; the register keeps trying.</source>
      <translation>Sin conexión: no se puede contactar con la tienda. No se pierde nada; la caja sigue intentándolo.</translation>
    </message>
  </context>
  <context>
    <name>PaymentPage</name>
    <message>
      <source>Review and pay</source>
      <translation>Revisar y cobrar</translation>
    </message>
    <message>
      <source>Check the total with the customer, then charge the card.</source>
      <translation>Confirme el total con el cliente y cobre la tarjeta.</translation>
    </message>
    <message>
      <source>Items</source>
      <translation>Artículos</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>Artículo</translation>
    </message>
    <message>
      <source>Qty</source>
      <translation>Cant.</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>C&amp;oupon:</source>
      <translation>Cu&amp;pón:</translation>
    </message>
    <message>
      <source>Coupon code</source>
      <translation>Código de cupón</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>Aplicar</translation>
    </message>
    <message>
      <source>Apply the coupon</source>
      <translation>Aplicar el cupón</translation>
    </message>
    <message>
      <source>&amp;New card</source>
      <translation>&amp;Tarjeta nueva</translation>
    </message>
    <message>
      <source>Pay with a new card</source>
      <translation>Pagar con una tarjeta nueva</translation>
    </message>
    <message>
      <source>Security code</source>
      <translation>Código de seguridad</translation>
    </message>
    <message>
      <source>Security code of the saved card</source>
      <translation>Código de seguridad de la tarjeta guardada</translation>
    </message>
    <message>
      <source>Payment status</source>
      <translation>Estado del pago</translation>
    </message>
    <message>
      <source>Charge the card</source>
      <translation>Cobrar la tarjeta</translation>
    </message>
    <message>
      <source>Preparing the payment…</source>
      <translation>Preparando el pago…</translation>
    </message>
    <message>
      <source>%1 ending %2, expires %3/%4</source>
      <translation>%1 terminada en %2, caduca %3/%4</translation>
    </message>
    <message>
      <source>Saved card: %1</source>
      <translation>Tarjeta guardada: %1</translation>
    </message>
    <message>
      <source>Subtotal</source>
      <translation>Subtotal</translation>
    </message>
    <message>
      <source>Discounts</source>
      <translation>Descuentos</translation>
    </message>
    <message>
      <source>Coupon %1</source>
      <translation>Cupón %1</translation>
    </message>
    <message>
      <source>Shipping</source>
      <translation>Envío</translation>
    </message>
    <message>
      <source>Charge (F9)</source>
      <translation>Cobrar (F9)</translation>
    </message>
    <message>
      <source>Charge %1 (F9)</source>
      <translation>Cobrar %1 (F9)</translation>
    </message>
    <message>
      <source>Applying the coupon…</source>
      <translation>Aplicando el cupón…</translation>
    </message>
    <message>
      <source>Enter the saved card's security code.</source>
      <translation>Escriba el código de seguridad de la tarjeta guardada.</translation>
    </message>
    <message>
      <source>Check the card details marked below.</source>
      <translation>Revise los datos de la tarjeta marcados abajo.</translation>
    </message>
    <message>
      <source>Charging…</source>
      <translation>Cobrando…</translation>
    </message>
    <message>
      <source>Paid.</source>
      <translation>Pagado.</translation>
    </message>
    <message>
      <source>Checking with the store… Do not charge again.</source>
      <translation>Consultando con la tienda… No vuelva a cobrar.</translation>
    </message>
    <message>
      <source>The payment did not go through.</source>
      <translation>El pago no se ha realizado.</translation>
    </message>
    <message>
      <source>Nothing was charged. Try another card or check the details, then press Charge.</source>
      <translation>No se ha cobrado nada. Pruebe otra tarjeta o revise los datos y pulse Cobrar.</translation>
    </message>
    <message>
      <source>Checking with the store… (%1)</source>
      <translation>Consultando con la tienda… (%1)</translation>
    </message>
    <message>
      <source>Checking with the store…</source>
      <translation>Consultando con la tienda…</translation>
    </message>
  </context>
  <context>
    <name>Receipt</name>
    <message>
      <source>Subtotal</source>
      <translation>Subtotal</translation>
    </message>
    <message>
      <source>Discounts</source>
      <translation>Descuentos</translation>
    </message>
    <message>
      <source>Shipping</source>
      <translation>Envío</translation>
    </message>
    <message>
      <source>Order</source>
      <translation>Pedido</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Estado</translation>
    </message>
    <message>
      <source>Card</source>
      <translation>Tarjeta</translation>
    </message>
    <message>
      <source>Transaction</source>
      <translation>Transacción</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>Thank you!</source>
      <translation>¡Gracias!</translation>
    </message>
    <message>
      <source>Receipt</source>
      <translation>Recibo</translation>
    </message>
  </context>
  <context>
    <name>RegisterWindow</name>
    <message>
      <source>Register — %1</source>
      <translation>Caja — %1</translation>
    </message>
    <message>
      <source>Checking this sale with the store…</source>
      <translation>Comprobando esta venta con la tienda…</translation>
    </message>
  </context>
  <context>
    <name>SalePage</name>
    <message>
      <source>&amp;Retry</source>
      <translation>&amp;Reintentar</translation>
    </message>
    <message>
      <source>Retry</source>
      <translation>Reintentar</translation>
    </message>
    <message>
      <source>Check the fields marked below.</source>
      <translation>Revise los campos marcados abajo.</translation>
    </message>
    <message>
      <source>Working…</source>
      <translation>Trabajando…</translation>
    </message>
  </context>
  <context>
    <name>SaleView</name>
    <message>
      <source>The store cannot be reached. Check the connection and try again.</source>
      <translation>No se puede contactar con la tienda. Compruebe la conexión y vuelva a intentarlo.</translation>
    </message>
    <message>
      <source>Something went wrong. Try again; if it keeps happening, call a manager.</source>
      <translation>Algo ha fallado. Vuelva a intentarlo; si sigue ocurriendo, avise a un encargado.</translation>
    </message>
  </context>
  <context>
    <name>SaleWizard</name>
    <message>
      <source>Sale</source>
      <translation>Venta</translation>
    </message>
    <message>
      <source>Continue</source>
      <translation>Continuar</translation>
    </message>
    <message>
      <source>Abandon this sale?</source>
      <translation>¿Abandonar esta venta?</translation>
    </message>
    <message>
      <source>The items in this sale will be removed and nothing will be charged.</source>
      <translation>Se quitarán los artículos de esta venta y no se cobrará nada.</translation>
    </message>
  </context>
  <context>
    <name>ShippingPage</name>
    <message>
      <source>Shipping option</source>
      <translation>Opción de envío</translation>
    </message>
    <message>
      <source>Choose how each parcel is shipped.</source>
      <translation>Elija cómo se envía cada paquete.</translation>
    </message>
    <message>
      <source>Total so far:</source>
      <translation>Total hasta ahora:</translation>
    </message>
    <message>
      <source>Shipping to %1</source>
      <translation>Envío a %1</translation>
    </message>
    <message>
      <source>The store offers no shipping to this address.</source>
      <translation>La tienda no ofrece envíos a esta dirección.</translation>
    </message>
    <message>
      <source>Updating the totals…</source>
      <translation>Actualizando los totales…</translation>
    </message>
  </context>
  <context>
    <name>Shortcuts</name>
    <message>
      <source>Show or hide this help</source>
      <translation>Mostrar u ocultar esta ayuda</translation>
    </message>
    <message>
      <source>Next step when the page is complete; on Items, add what is typed</source>
      <translation>Paso siguiente cuando la página está completa; en Artículos, añade lo escrito</translation>
    </message>
    <message>
      <source>Back one step (asks before abandoning a sale)</source>
      <translation>Volver un paso (pregunta antes de abandonar una venta)</translation>
    </message>
    <message>
      <source>Go to the scan / search box</source>
      <translation>Ir a la casilla de escaneo / búsqueda</translation>
    </message>
    <message>
      <source>From the search box into the results</source>
      <translation>De la casilla de búsqueda a los resultados</translation>
    </message>
    <message>
      <source>Remove the selected line</source>
      <translation>Quitar la línea seleccionada</translation>
    </message>
    <message>
      <source>Charge</source>
      <translation>Cobrar</translation>
    </message>
    <message>
      <source>Print the receipt</source>
      <translation>Imprimir el recibo</translation>
    </message>
    <message>
      <source>Save the receipt as PDF</source>
      <translation>Guardar el recibo como PDF</translation>
    </message>
    <message>
      <source>New sale (after payment)</source>
      <translation>Nueva venta (después del pago)</translation>
    </message>
    <message>
      <source>Scanner</source>
      <translation>Escáner</translation>
    </message>
    <message>
      <source>Scan a barcode on any page where items can be added</source>
      <translation>Escanear un código en cualquier página donde se puedan añadir artículos</translation>
    </message>
  </context>
  <context>
    <name>StartPage</name>
    <message>
      <source>New sale</source>
      <translation>Nueva venta</translation>
    </message>
    <message>
      <source>Demo store: nothing here is real money. Press Enter to start a sale.</source>
      <translation>Tienda de demostración: aquí nada es dinero real. Pulse Intro para empezar una venta.</translation>
    </message>
    <message>
      <source>Press Enter to start a sale.</source>
      <translation>Pulse Intro para empezar una venta.</translation>
    </message>
    <message>
      <source>Store: %1</source>
      <translation>Tienda: %1</translation>
    </message>
    <message>
      <source>Channel: %1</source>
      <translation>Canal: %1</translation>
    </message>
    <message>
      <source>Terminal: %1</source>
      <translation>Terminal: %1</translation>
    </message>
    <message>
      <source>&amp;Unfinished sales (payment not confirmed first):</source>
      <translation>Ventas sin &amp;terminar (primero las de pago sin confirmar):</translation>
    </message>
    <message>
      <source>Unfinished sales</source>
      <translation>Ventas sin terminar</translation>
    </message>
    <message>
      <source>Resume the selected sale</source>
      <translation>Reanudar la venta seleccionada</translation>
    </message>
    <message>
      <source>Try the &amp;demo store</source>
      <translation>Probar la tienda de &amp;demostración</translation>
    </message>
    <message>
      <source>Try the demo store</source>
      <translation>Probar la tienda de demostración</translation>
    </message>
    <message>
      <source>%1 — payment not confirmed</source>
      <translation>%1 — pago sin confirmar</translation>
    </message>
  </context>
</TS>
