// reportgen serve with accounts (signin.py): the sign-in form, and the header's sign-out.
// Both post with the page's CSRF token, as every other request that changes something.
"use strict";

(() => {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const send = (url, body) =>
    fetch(url, { method: "POST", headers: { "X-CSRF-Token": csrf, "Content-Type": "application/json" }, body: JSON.stringify(body) });

  const form = document.getElementById("sign-in");
  if (form) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const problem = document.getElementById("sign-in-problem");
      problem.textContent = "";
      const data = new FormData(form);
      const response = await send("/login", { name: data.get("name"), password: data.get("password"), next: form.dataset.next });
      const answer = await response.json();
      if (answer.url) location.href = answer.url;
      else problem.textContent = answer.error;
    });
  }

  const signOut = document.getElementById("sign-out");
  if (signOut) {
    signOut.addEventListener("click", async () => {
      const response = await send("/logout", {});
      location.href = (await response.json()).url;
    });
  }
})();
